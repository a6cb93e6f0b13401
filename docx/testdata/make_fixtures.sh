#!/bin/sh
# Regenerates the .docx fixtures from the seed statement.
#   seed-libreoffice.docx  the seed .txt converted by LibreOffice (keeps the literal ** markers)
#   seed-python-docx.docx  a Word-like document made by python-docx (make_fixtures.py)
# Usage: sh docx/testdata/make_fixtures.sh   (from the repository root)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
seed=${SEED:-/work/shared/seed/000_eed19f38cfb13fc4.txt}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$seed" "$tmp/seed-libreoffice.txt"
soffice --headless -env:UserInstallation="file://$tmp/profile" \
	--infilter="Text (encoded):UTF8,LF,,," --convert-to docx --outdir "$tmp" "$tmp/seed-libreoffice.txt" >/dev/null
cp "$tmp/seed-libreoffice.docx" "$here/seed-libreoffice.docx"
/usr/bin/python3 "$here/make_fixtures.py" "$seed" "$here/seed-python-docx.docx"
