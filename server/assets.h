/*
 * assets.h - the page's files (HTML, CSS, JavaScript, icon), compiled into
 * the program from server/static/ by assets.S. Nothing is read from the
 * disk at run time, so no request path can reach a file.
 */
#ifndef DATELINE_ASSETS_H
#define DATELINE_ASSETS_H

#include <stddef.h>

typedef struct {
	const char *path;    /* the URL path it is served at, "" when not served */
	const char *type;    /* its Content-Type */
	const char *data;    /* its bytes (static), NUL-terminated */
	size_t len;
} sv_asset_t;

/* The asset served at exactly this URL path, or NULL. */
const sv_asset_t *sv_asset_find(const char *path);

/* The page's HTML shell (server/static/page.html), with its slots. */
const sv_asset_t *sv_asset_page(void);

#endif /* DATELINE_ASSETS_H */
