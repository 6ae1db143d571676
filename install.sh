#!/bin/sh
# Builds hooks from this checkout with cargo and installs it, with its shell
# completions and man pages (hooks.1 and one per subcommand, hooks-listen.1
# ...), then prints where each went. Idempotent.
#   sh install.sh              install or update
#   sh install.sh --uninstall  remove what install put there
# Where: with PREFIX set, everything goes under it ($PREFIX/bin and
# $PREFIX/share/{man/man1,bash-completion/completions,zsh/site-functions,
# fish/vendor_completions.d}); without, the binary goes to ~/.local/bin and
# the rest to the per-user directories (XDG_DATA_HOME, XDG_CONFIG_HOME).
# HOOKS_BINARY=FILE installs that binary instead of building one.
set -eu

if [ -n "${PREFIX:-}" ]; then
    SHARE="$PREFIX/share"
    BASH_DIR="$SHARE/bash-completion/completions"
    ZSH_DIR="$SHARE/zsh/site-functions"
    FISH_DIR="$SHARE/fish/vendor_completions.d"
    MAN_DIR="$SHARE/man/man1"
else
    PREFIX="$HOME/.local"
    DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
    BASH_DIR="$DATA_HOME/bash-completion/completions"
    ZSH_DIR="$DATA_HOME/zsh/site-functions"
    FISH_DIR="${XDG_CONFIG_HOME:-$HOME/.config}/fish/completions"
    MAN_DIR="$DATA_HOME/man/man1"
fi
BIN_DIR="$PREFIX/bin"
HERE=$(cd "$(dirname "$0")" && pwd)

# The subcommands' man pages, as committed in completions/man/.
subcommand_pages() {
    for page in "$HERE"/completions/man/hooks-*.1; do
        if [ -e "$page" ]; then basename "$page"; fi
    done
}

targets() {
    printf '%s\n' "$BIN_DIR/hooks" "$BASH_DIR/hooks" "$ZSH_DIR/_hooks" "$FISH_DIR/hooks.fish" "$MAN_DIR/hooks.1"
    subcommand_pages | while read -r page; do echo "$MAN_DIR/$page"; done
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

cd "$HERE"
if [ -n "${HOOKS_BINARY:-}" ]; then
    binary=$HOOKS_BINARY
    if [ ! -x "$binary" ]; then
        echo "install.sh: HOOKS_BINARY=$binary is not an executable file" >&2
        exit 2
    fi
else
    if ! command -v cargo >/dev/null 2>&1; then
        echo "install.sh: cargo is not installed or not on PATH." >&2
        echo "  Install the Rust toolchain (rustup), open a new shell, and run this again." >&2
        exit 2
    fi
    cargo build --release --locked
    binary=target/release/hooks
fi
mkdir -p "$BIN_DIR" "$BASH_DIR" "$ZSH_DIR" "$FISH_DIR" "$MAN_DIR"
install -m 0755 "$binary" "$BIN_DIR/hooks"
install -m 0644 completions/hooks.bash "$BASH_DIR/hooks"
install -m 0644 completions/_hooks "$ZSH_DIR/_hooks"
install -m 0644 completions/hooks.fish "$FISH_DIR/hooks.fish"
install -m 0644 completions/hooks.1 "$MAN_DIR/hooks.1"
pages=0
for page in $(subcommand_pages); do
    install -m 0644 "completions/man/$page" "$MAN_DIR/$page"
    pages=$((pages + 1))
done
echo "installed $("$BIN_DIR/hooks" --version) to $BIN_DIR/hooks"
echo "  man page          $MAN_DIR/hooks.1"
echo "  subcommand pages  $MAN_DIR/hooks-*.1 ($pages, e.g. man hooks-listen)"
echo "  bash completions  $BASH_DIR/hooks"
echo "  zsh completions   $ZSH_DIR/_hooks"
echo "  fish completions  $FISH_DIR/hooks.fish"
echo "  (completions of event names, profiles and delivery ids: see README, section 'Help, man pages and completions')"
case ":$PATH:" in
    *":$BIN_DIR:"*) ;;
    *) echo "note: $BIN_DIR is not on your PATH; add it, e.g. export PATH=\"$BIN_DIR:\$PATH\"" ;;
esac
# zsh finds completions only in the directories on its fpath, as an
# interactive zsh (with the user's ~/.zshrc) sets it.
if command -v zsh >/dev/null 2>&1; then
    if ! zsh -ic 'print -rl -- $fpath' </dev/null 2>/dev/null | grep -Fqx "$ZSH_DIR"; then
        echo "note: $ZSH_DIR is not on zsh's fpath; add this line to ~/.zshrc, before compinit:"
        echo "  fpath=($ZSH_DIR \$fpath)"
    fi
fi
