/* fuzz_query.c - the query parser (searcher/query_parse.c): any text
 * parses into a well-formed tree or fails with a message naming a column;
 * the tree's dump (query.h: "parsing what it prints gives the same query")
 * parses back into a tree that dumps the same. */
#include "../../searcher/query.h"
#include "fuzz.h"

/* The shape query.h promises, node by node; depth bounds the recursion
 * the parser's own nesting limit allows. */
static void check_node(const query_node_t *n, size_t textlen, int depth)
{
	if (!n)
		FUZZ_FAIL("a NULL node in the tree");
	if (depth > 4096)
		FUZZ_FAIL("a tree deeper than any nesting limit");
	if (n->kind > QN_ID)
		FUZZ_FAIL("a node of unknown kind %d", (int)n->kind);
	if (n->text && n->column && n->offset > textlen)
		FUZZ_FAIL("a node's text starts at %zu, past the query's end %zu",
			  n->offset, textlen);
	switch (n->kind) {
	case QN_NOT:
		if (n->nkids != 2)
			FUZZ_FAIL("a NOT with %zu operands", n->nkids);
		break;
	case QN_AND:
	case QN_OR:
		if (n->nkids < 2)
			FUZZ_FAIL("an AND/OR with %zu operands", n->nkids);
		break;
	case QN_NEAR:
		if (n->nkids < 2)
			FUZZ_FAIL("a NEAR with %zu operands", n->nkids);
		for (size_t i = 0; i < n->nkids; i++)
			if (n->kids[i]->kind != QN_WORD)
				FUZZ_FAIL("a NEAR operand that is not a word");
		break;
	case QN_SEQ:
		break;
	default:
		if (n->nkids)
			FUZZ_FAIL("a leaf (kind %d) with operands", (int)n->kind);
		if (n->kind != QN_DATE && !n->text)
			FUZZ_FAIL("a leaf (kind %d) without text", (int)n->kind);
	}
	for (size_t i = 0; i < n->nkids; i++)
		check_node(n->kids[i], textlen, depth + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const query_read_opts_t opts = { "english" };
	char err[256] = "", err2[256] = "";
	query_node_t *tree = NULL, *again = NULL;
	char *dump = NULL, *dump2 = NULL;
	char *text = fuzz_strndup(data, size);
	if (!text)
		return 0;
	int rc = query_tree_parse(text, &opts, &tree, err, sizeof(err));
	if (rc == -1 && (!*err || tree))
		FUZZ_FAIL("a syntax error without a message, or with a tree");
	if (rc != 0)
		goto out;
	check_node(tree, strlen(text), 0);
	dump = query_tree_dump(tree);
	if (!dump)
		goto out;
	rc = query_tree_parse(dump, &opts, &again, err2, sizeof(err2));
	if (rc == -1)
		FUZZ_FAIL("the dump of a tree does not parse: '%s': %s", dump, err2);
	if (rc != 0)
		goto out;
	check_node(again, strlen(dump), 0);
	dump2 = query_tree_dump(again);
	if (dump2 && strcmp(dump, dump2) != 0)
		FUZZ_FAIL("parsing the dump '%s' gives another tree: '%s'", dump, dump2);
out:
	free(dump2);
	free(dump);
	query_tree_free(again);
	query_tree_free(tree);
	free(text);
	return 0;
}
