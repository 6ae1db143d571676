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
complete -c hooks -n "__fish_hooks_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "man" -d 'Print the man page (roff)'
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
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from send-test sign verify fixtures completions man help" -f -a "send-test" -d 'Send a realistic, correctly signed test event from a fixture'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from send-test sign verify fixtures completions man help" -f -a "sign" -d 'Print the signature headers for a payload'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from send-test sign verify fixtures completions man help" -f -a "verify" -d 'Verify a payload\'s signature (exit 0 valid, 1 invalid)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from send-test sign verify fixtures completions man help" -f -a "fixtures" -d 'List and show the test event fixtures'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from send-test sign verify fixtures completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from send-test sign verify fixtures completions man help" -f -a "man" -d 'Print the man page (roff)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from send-test sign verify fixtures completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from fixtures" -f -a "list" -d 'List the events that have fixtures'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from fixtures" -f -a "show" -d 'Print an event\'s fixture'
