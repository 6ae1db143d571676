#!/bin/sh
# Builds hooks from this checkout with cargo and installs it for the current
# user: the binary to ${PREFIX:-$HOME/.local}/bin, the shell completions and
# the man page to the usual per-user directories. Idempotent.
#   sh install.sh              install or update
#   sh install.sh --uninstall  remove what install put there
set -eu

PREFIX=${PREFIX:-$HOME/.local}
BIN_DIR="$PREFIX/bin"
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
BASH_DIR="$DATA_HOME/bash-completion/completions"
ZSH_DIR="$DATA_HOME/zsh/site-functions"
FISH_DIR="${XDG_CONFIG_HOME:-$HOME/.config}/fish/completions"
MAN_DIR="$DATA_HOME/man/man1"
HERE=$(cd "$(dirname "$0")" && pwd)

targets() {
    printf '%s\n' "$BIN_DIR/hooks" "$BASH_DIR/hooks" "$ZSH_DIR/_hooks" "$FISH_DIR/hooks.fish" "$MAN_DIR/hooks.1"
}

if [ "${1:-}" = "--uninstall" ]; then
    targets | while read -r f; do
        if [ -e "$f" ]; then rm -f "$f" && echo "removed $f"; fi
    done
    exit 0
fi
if [ $# -gt 0 ]; then
    echo "install.sh: unknown argument '$1' (use no argument to install, --uninstall to remove)" >&2
    exit 2
fi

if ! command -v cargo >/dev/null 2>&1; then
    echo "install.sh: cargo is not installed or not on PATH." >&2
    echo "  Install the Rust toolchain (rustup), open a new shell, and run this again." >&2
    exit 2
fi

cd "$HERE"
cargo build --release --locked
mkdir -p "$BIN_DIR" "$BASH_DIR" "$ZSH_DIR" "$FISH_DIR" "$MAN_DIR"
install -m 0755 target/release/hooks "$BIN_DIR/hooks"
install -m 0644 completions/hooks.bash "$BASH_DIR/hooks"
install -m 0644 completions/_hooks "$ZSH_DIR/_hooks"
install -m 0644 completions/hooks.fish "$FISH_DIR/hooks.fish"
install -m 0644 completions/hooks.1 "$MAN_DIR/hooks.1"
echo "installed $("$BIN_DIR/hooks" --version) to $BIN_DIR/hooks"
case ":$PATH:" in
    *":$BIN_DIR:"*) ;;
    *) echo "note: $BIN_DIR is not on your PATH; add it, e.g. export PATH=\"$BIN_DIR:\$PATH\"" ;;
esac
