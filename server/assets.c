/*
 * assets.c - the table of compiled-in files (assets.h, assets.S).
 */
#include "assets.h"

#include <pthread.h>
#include <string.h>

#define DECLARE(name) extern const char name[]; extern const size_t name##_len
DECLARE(sv_asset_page_html);
DECLARE(sv_asset_style_css);
DECLARE(sv_asset_app_js);
DECLARE(sv_asset_icon_svg);

static sv_asset_t assets[4];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void fill(void)
{
	const sv_asset_t table[4] = {
		{ "", "text/html; charset=utf-8", sv_asset_page_html, 0 },
		{ "/static/style.css", "text/css; charset=utf-8", sv_asset_style_css, 0 },
		{ "/static/app.js", "text/javascript; charset=utf-8", sv_asset_app_js, 0 },
		{ "/static/icon.svg", "image/svg+xml", sv_asset_icon_svg, 0 },
	};
	memcpy(assets, table, sizeof(table));
	assets[0].len = sv_asset_page_html_len;
	assets[1].len = sv_asset_style_css_len;
	assets[2].len = sv_asset_app_js_len;
	assets[3].len = sv_asset_icon_svg_len;
}

const sv_asset_t *sv_asset_find(const char *path)
{
	pthread_once(&once, fill);
	for (size_t i = 0; i < sizeof(assets) / sizeof(assets[0]); i++)
		if (assets[i].path[0] && strcmp(assets[i].path, path) == 0)
			return &assets[i];
	return NULL;
}

const sv_asset_t *sv_asset_page(void)
{
	pthread_once(&once, fill);
	return &assets[0];
}
