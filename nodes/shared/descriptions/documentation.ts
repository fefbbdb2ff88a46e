/**
 * Each node's reference page, docs/nodes/<page>.md in the repository. The node's documentationUrl and its codex
 * file's primaryDocumentation name the same page (test/unit/codex.test.ts checks both, and that the page exists).
 */
const NODE_PAGES =
	'https://github.com/n8n-nodes-alibaba-cloud-media/n8n-nodes-alibaba-cloud-media/blob/main/docs/nodes/';

/** The address of docs/nodes/<page>.md, e.g. `nodeDocumentationUrl('submit-package-job')`. */
export function nodeDocumentationUrl(page: string): string {
	return `${NODE_PAGES}${page}.md`;
}
