# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_hooks_global_optspecs
    string join \n color= config= profile= fixtures= no-input v/verbose q/quiet h/help V/version
end

function __fish_hooks_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_hooks_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_hooks_using_subcommand
    set -l cmd (__fish_hooks_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c hooks -n "__fish_hooks_needs_command" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_needs_command" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_needs_command" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_needs_command" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_needs_command" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_needs_command" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_needs_command" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_needs_command" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_needs_command" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "send-test" -d 'Send a realistic, correctly signed test event from a fixture'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "sign" -d 'Print the signature headers for a payload'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "verify" -d 'Verify a payload\'s signature (exit 0 valid, 1 invalid)'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "fixtures" -d 'List and show the test event fixtures'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "listen" -d 'Receive deliveries: verify, print, forward to your app, record'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "deliveries" -d 'List, show and clear recorded deliveries'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "replay" -d 'Re-send recorded deliveries or payload files; --watch re-sends files on save'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "relay" -d 'Run a public relay, or connect to one (`hooks relay serve|connect|token`)'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l to -d 'Where to POST the delivery [default: http://127.0.0.1:8787/]' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -s p -l provider -d 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l secret -d 'Signing secret; repeat to accept any of several when verifying (rotation)' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l scheme -d 'Use another scheme than the provider\'s (e.g. --provider webwork --scheme standard)' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l signature-header -d 'Signature header, for the hmac and header schemes' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l prefix -d 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l encoding -d 'Digest encoding for the hmac scheme: hex or base64' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l tolerance -d 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l set -d 'Override a value in the payload: dotted path, JSON value or string; repeatable' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l data -d 'The event\'s data as JSON, or @FILE; replaces the fixture\'s data' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -s H -l header -d 'Extra request header; repeatable' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l expect -d 'Expected response status: 2xx (any success), a class like 4xx, or an exact code' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l format -d 'Output format: pretty lines or one JSON object per line' -r -f -a "pretty\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l timeout -d 'Give up waiting for the response after this long' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand sign" -s p -l provider -d 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)' -r
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l secret -d 'Signing secret; repeat to accept any of several when verifying (rotation)' -r
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l scheme -d 'Use another scheme than the provider\'s (e.g. --provider webwork --scheme standard)' -r
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l signature-header -d 'Signature header, for the hmac and header schemes' -r
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l prefix -d 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)' -r
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l encoding -d 'Digest encoding for the hmac scheme: hex or base64' -r
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l tolerance -d 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]' -r
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l id -d 'Message id for schemes that sign one (standard) [default: a fresh msg_ id]' -r
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l timestamp -d 'Unix timestamp for timestamped schemes [default: now]' -r
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l format -r -f -a "text\t'One `Name: value` a line'
json\t'One JSON object of name to value'"
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand sign" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand sign" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hooks -n "__fish_hooks_using_subcommand sign" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand verify" -s p -l provider -d 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)' -r
complete -c hooks -n "__fish_hooks_using_subcommand verify" -l secret -d 'Signing secret; repeat to accept any of several when verifying (rotation)' -r
complete -c hooks -n "__fish_hooks_using_subcommand verify" -l scheme -d 'Use another scheme than the provider\'s (e.g. --provider webwork --scheme standard)' -r
complete -c hooks -n "__fish_hooks_using_subcommand verify" -l signature-header -d 'Signature header, for the hmac and header schemes' -r
complete -c hooks -n "__fish_hooks_using_subcommand verify" -l prefix -d 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)' -r
complete -c hooks -n "__fish_hooks_using_subcommand verify" -l encoding -d 'Digest encoding for the hmac scheme: hex or base64' -r
complete -c hooks -n "__fish_hooks_using_subcommand verify" -l tolerance -d 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]' -r
complete -c hooks -n "__fish_hooks_using_subcommand verify" -s H -l header -d 'A header of the delivery, as received; repeatable' -r
complete -c hooks -n "__fish_hooks_using_subcommand verify" -l format -r -f -a "pretty\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand verify" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand verify" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand verify" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand verify" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand verify" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand verify" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand verify" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand verify" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand verify" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and not __fish_seen_subcommand_from list show help" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and not __fish_seen_subcommand_from list show help" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and not __fish_seen_subcommand_from list show help" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and not __fish_seen_subcommand_from list show help" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and not __fish_seen_subcommand_from list show help" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and not __fish_seen_subcommand_from list show help" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and not __fish_seen_subcommand_from list show help" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and not __fish_seen_subcommand_from list show help" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and not __fish_seen_subcommand_from list show help" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and not __fish_seen_subcommand_from list show help" -f -a "list" -d 'List the events that have fixtures'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and not __fish_seen_subcommand_from list show help" -f -a "show" -d 'Print an event\'s fixture'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and not __fish_seen_subcommand_from list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from list" -s p -l provider -r
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from list" -l format -r -f -a "table\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from list" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from list" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from list" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from show" -s p -l provider -r
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from show" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from show" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from show" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the events that have fixtures'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print an event\'s fixture'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l port -d 'Port on 127.0.0.1 to listen on (0 picks a free one)' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l bind -d 'Address to listen on, e.g. 0.0.0.0:8787 or [::1]:9000' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l path -d 'Only requests under this path are deliveries (others get 404); it is removed before the path is joined to the target\'s' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -s f -l forward -d 'Forward deliveries to this URL, or a port on localhost' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l forward-event -d 'Forward events matching PATTERN to URL instead; repeatable, first match wins' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -s p -l provider -d 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l secret -d 'Signing secret; repeat to accept any of several when verifying (rotation)' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l scheme -d 'Use another scheme than the provider\'s (e.g. --provider webwork --scheme standard)' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l signature-header -d 'Signature header, for the hmac and header schemes' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l prefix -d 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l encoding -d 'Digest encoding for the hmac scheme: hex or base64' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l tolerance -d 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l events -d 'Only print and forward these event types (glob patterns, comma-separated); others are recorded and answered 200' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l format -r -f -a "pretty\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l print -d 'How much of each delivery to print' -r -f -a "summary\t'One line per event and one for the app\'s answer'
headers\t'The summary and the request headers'
body\t'The summary and the request body'
all\t'The summary, headers and body'"
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l exit-after -d 'Exit 0 after this many deliveries' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l timeout -d 'Stop after this long; exit 1 if --exit-after deliveries had not arrived' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l forward-timeout -d 'Give up on the app after this long and answer 504' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l max-body -d 'Largest body accepted; larger gets 413 (and is still recorded)' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l retention -d 'Keep only the newest N deliveries in the store' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l relay -d 'Also receive deliveries through this relay (`hooks relay serve`), e.g. ws://relay.example.com:8788' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l token -d 'Token for the relay (`hooks relay token add`)' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l channel -d 'Relay channel to claim [default: the one the relay assigned before, else a new one]' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l fail-on-disconnect -d 'Exit with status 3 when disconnected from the relay longer than this' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l relay-heartbeat -d 'Heartbeat interval with the relay; silent for 2 intervals counts as gone' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l relay-ca -d 'For a wss:// relay, trust only this CA certificate (PEM) instead of the public roots' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l forward-invalid -d 'Forward deliveries whose signature is invalid (they are still marked)'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l no-record -d 'Do not record deliveries in the store'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l print-secret -d 'Print the secret deliveries are verified with, and exit'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and not __fish_seen_subcommand_from list show clear help" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and not __fish_seen_subcommand_from list show clear help" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and not __fish_seen_subcommand_from list show clear help" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and not __fish_seen_subcommand_from list show clear help" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and not __fish_seen_subcommand_from list show clear help" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and not __fish_seen_subcommand_from list show clear help" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and not __fish_seen_subcommand_from list show clear help" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and not __fish_seen_subcommand_from list show clear help" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and not __fish_seen_subcommand_from list show clear help" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and not __fish_seen_subcommand_from list show clear help" -f -a "list" -d 'List recorded deliveries, newest first'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and not __fish_seen_subcommand_from list show clear help" -f -a "show" -d 'Show one delivery: request, verification, forward attempts'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and not __fish_seen_subcommand_from list show clear help" -f -a "clear" -d 'Delete every recorded delivery'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and not __fish_seen_subcommand_from list show clear help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from list" -l limit -r
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from list" -l event -d 'Only deliveries with an event matching this glob pattern' -r
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from list" -l format -r -f -a "table\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from list" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from list" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from list" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from show" -l format -r -f -a "pretty\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from show" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from show" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from show" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from show" -l body -d 'Also print the request body'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from clear" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from clear" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from clear" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from clear" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from clear" -s y -l yes -d 'Do not ask for confirmation'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from clear" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from clear" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from clear" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from clear" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from help" -f -a "list" -d 'List recorded deliveries, newest first'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one delivery: request, verification, forward attempts'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Delete every recorded delivery'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l last -d 'Replay the newest N recorded deliveries, oldest first' -r
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l to -d 'Where to send [default: the profile\'s `to`, else http://127.0.0.1:8787/]' -r
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l watch -d 'Send each file in DIR whenever it is saved, until Ctrl-C' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand replay" -s p -l provider -d 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)' -r
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l secret -d 'Signing secret; repeat to accept any of several when verifying (rotation)' -r
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l scheme -d 'Use another scheme than the provider\'s (e.g. --provider webwork --scheme standard)' -r
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l signature-header -d 'Signature header, for the hmac and header schemes' -r
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l prefix -d 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)' -r
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l encoding -d 'Digest encoding for the hmac scheme: hex or base64' -r
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l tolerance -d 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]' -r
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l format -r -f -a "pretty\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l timeout -d 'Give up waiting for each response after this long' -r
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l resign -d 'Re-sign recorded deliveries with a fresh timestamp (and the current secret)'
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand replay" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand replay" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand replay" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand replay" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand completions" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand completions" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand completions" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand completions" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand completions" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand completions" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand completions" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand completions" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand completions" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand man" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand man" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand man" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand man" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand man" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand man" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand man" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand man" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand man" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token help" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token help" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token help" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token help" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token help" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token help" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token help" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token help" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token help" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token help" -f -a "serve" -d 'Run a public relay that passes requests to connected developers'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token help" -f -a "connect" -d 'Connect to a relay and forward its requests to a local URL (exact bytes)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token help" -f -a "token" -d 'Manage the relay\'s tokens file'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l bind -d 'Address to listen on; without --tokens only a loopback address is allowed' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l public-url -d 'The relay\'s public base URL, used in the URLs it hands out [default: http://ADDR]' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l domain -d 'Also route <channel>.DOMAIN to the channel (needs a wildcard DNS record)' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l tokens -d 'Tokens file (`NAME sha256:HEX` lines); required on a non-loopback address' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l data-dir -d 'Where the channel registry and offline queue live [default: DATA_DIR/relay]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l max-body -d 'Largest request body accepted, e.g. 25MiB, 1MB, 4096' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l request-timeout -d 'Answer 504 when the developer\'s machine has not answered this long after the request' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l queue-limit -d 'Most requests kept per offline channel; more are refused with 507' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l queue-ttl -d 'Queued requests older than this are dropped' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l offline -d 'What to do with a request for a channel whose client is not connected' -r -f -a "queue\t'Store it and answer 202; deliver it when the client reconnects'
reject\t'Answer 503 and keep nothing'"
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l rate-limit -d 'Requests per second a channel may receive (burst the same); 0 for no limit' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l max-streams -d 'Concurrent requests in flight on one client connection' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l max-connections-per-token -d 'Open connections allowed per token' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l heartbeat -d 'Heartbeat interval; a client silent for 2 intervals is dropped (pings go every half interval)' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l tls-cert -d 'Serve HTTPS and wss with this certificate chain (PEM)' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l tls-key -d 'The private key (PEM) for --tls-cert' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -l relay -d 'The relay, e.g. ws://relay.example.com:8788' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -l token -d 'Token from the relay\'s admin (`hooks relay token add`)' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -l channel -d 'Channel name to claim [default: the one the relay assigned before, else a new one]' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -l forward -d 'Local URL or port that receives the requests' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -l fail-on-disconnect -d 'Exit with status 3 when disconnected from the relay longer than this' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -l timeout -d 'Give up on the local app after this long (the relay answers 504)' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -l heartbeat -d 'Heartbeat interval; a relay silent for 2 intervals counts as gone' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -l relay-ca -d 'For a wss:// relay, trust only this CA certificate (PEM) instead of the public roots' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -f -a "add" -d 'Create a token, append its hash to the tokens file, print the token once'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Run a public relay that passes requests to connected developers'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Connect to a relay and forward its requests to a local URL (exact bytes)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from help" -f -a "token" -d 'Manage the relay\'s tokens file'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from send-test sign verify fixtures listen deliveries replay completions man relay help" -f -a "send-test" -d 'Send a realistic, correctly signed test event from a fixture'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from send-test sign verify fixtures listen deliveries replay completions man relay help" -f -a "sign" -d 'Print the signature headers for a payload'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from send-test sign verify fixtures listen deliveries replay completions man relay help" -f -a "verify" -d 'Verify a payload\'s signature (exit 0 valid, 1 invalid)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from send-test sign verify fixtures listen deliveries replay completions man relay help" -f -a "fixtures" -d 'List and show the test event fixtures'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from send-test sign verify fixtures listen deliveries replay completions man relay help" -f -a "listen" -d 'Receive deliveries: verify, print, forward to your app, record'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from send-test sign verify fixtures listen deliveries replay completions man relay help" -f -a "deliveries" -d 'List, show and clear recorded deliveries'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from send-test sign verify fixtures listen deliveries replay completions man relay help" -f -a "replay" -d 'Re-send recorded deliveries or payload files; --watch re-sends files on save'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from send-test sign verify fixtures listen deliveries replay completions man relay help" -f -a "completions" -d 'Print a shell completion script'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from send-test sign verify fixtures listen deliveries replay completions man relay help" -f -a "man" -d 'Print the man page (roff)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from send-test sign verify fixtures listen deliveries replay completions man relay help" -f -a "relay" -d 'Run a public relay, or connect to one (`hooks relay serve|connect|token`)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from send-test sign verify fixtures listen deliveries replay completions man relay help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from fixtures" -f -a "list" -d 'List the events that have fixtures'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from fixtures" -f -a "show" -d 'Print an event\'s fixture'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from deliveries" -f -a "list" -d 'List recorded deliveries, newest first'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from deliveries" -f -a "show" -d 'Show one delivery: request, verification, forward attempts'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from deliveries" -f -a "clear" -d 'Delete every recorded delivery'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from relay" -f -a "serve" -d 'Run a public relay that passes requests to connected developers'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from relay" -f -a "connect" -d 'Connect to a relay and forward its requests to a local URL (exact bytes)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from relay" -f -a "token" -d 'Manage the relay\'s tokens file'
