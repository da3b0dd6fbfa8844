/*
 * assets.S - the files of server/static/, each as bytes followed by a NUL
 * and its length (assets.c lists them). The Makefile assembles this from
 * the top of the tree, which the paths below are relative to.
 */
#define ASSET(name, file)		\
	.section .rodata;		\
	.global name;			\
	.balign 16;			\
name:					\
	.incbin file;			\
name##_end:				\
	.byte 0;			\
	.global name##_len;		\
	.balign 8;			\
name##_len:				\
	.quad name##_end - name

ASSET(sv_asset_page_html, "server/static/page.html")
ASSET(sv_asset_style_css, "server/static/style.css")
ASSET(sv_asset_app_js, "server/static/app.js")
ASSET(sv_asset_icon_svg, "server/static/icon.svg")

	.section .note.GNU-stack,"",@progbits
