#!/bin/sh
# The entrypoint of the image docker/Dockerfile builds. n8n loads community packages from .n8n/nodes/node_modules in
# its user folder, a volume that outlives images: at each start, link the image's package there (replacing what an
# older image or an install put there), then hand over to n8n's own entrypoint with the same arguments.
set -eu

: "${ALIBABA_MEDIA_PACKAGE:?the package folder in the image, set by docker/Dockerfile}"
: "${ALIBABA_MEDIA_NEXT_ENTRYPOINT:?the entrypoint of the n8n image, set by docker/Dockerfile}"

node_modules="${N8N_USER_FOLDER:-$HOME}/.n8n/nodes/node_modules"
link="$node_modules/$(basename "$ALIBABA_MEDIA_PACKAGE")"

mkdir -p "$node_modules"
if [ -d "$link" ] && [ ! -L "$link" ]; then
	echo "alibaba-media: replacing the copy in $link with the image's package" >&2
	rm -rf "$link"
fi
# -n: replace an existing link to a folder instead of creating a link inside that folder
ln -sfn "$ALIBABA_MEDIA_PACKAGE" "$link"

exec "$ALIBABA_MEDIA_NEXT_ENTRYPOINT" "$@"
