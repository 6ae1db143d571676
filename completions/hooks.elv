
use builtin;
use str;

set edit:completion:arg-completer[hooks] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'hooks'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'hooks'= {
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-input 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
            cand -v 'More diagnostics on stderr'
            cand --verbose 'More diagnostics on stderr'
            cand -q 'Fewer diagnostics on stderr'
            cand --quiet 'Fewer diagnostics on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand send-test 'Send a realistic, correctly signed test event from a fixture'
            cand sign 'Print the signature headers for a payload'
            cand verify 'Verify a payload''s signature (exit 0 valid, 1 invalid)'
            cand fixtures 'List and show the test event fixtures'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hooks;send-test'= {
            cand --to 'Where to POST the delivery [default: http://127.0.0.1:8787/]'
            cand -p 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)'
            cand --provider 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)'
            cand --secret 'Signing secret; repeat to accept any of several when verifying (rotation)'
            cand --scheme 'Use another scheme than the provider''s (e.g. --provider webwork --scheme standard)'
            cand --signature-header 'Signature header, for the hmac and header schemes'
            cand --prefix 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)'
            cand --encoding 'Digest encoding for the hmac scheme: hex or base64'
            cand --tolerance 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]'
            cand --set 'Override a value in the payload: dotted path, JSON value or string; repeatable'
            cand --data 'The event''s data as JSON, or @FILE; replaces the fixture''s data'
            cand -H 'Extra request header; repeatable'
            cand --header 'Extra request header; repeatable'
            cand --expect 'Expected response status: 2xx (any success), a class like 4xx, or an exact code'
            cand --format 'Output format: pretty lines or one JSON object per line'
            cand --timeout 'Give up waiting for the response after this long'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-input 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
            cand -v 'More diagnostics on stderr'
            cand --verbose 'More diagnostics on stderr'
            cand -q 'Fewer diagnostics on stderr'
            cand --quiet 'Fewer diagnostics on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hooks;sign'= {
            cand -p 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)'
            cand --provider 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)'
            cand --secret 'Signing secret; repeat to accept any of several when verifying (rotation)'
            cand --scheme 'Use another scheme than the provider''s (e.g. --provider webwork --scheme standard)'
            cand --signature-header 'Signature header, for the hmac and header schemes'
            cand --prefix 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)'
            cand --encoding 'Digest encoding for the hmac scheme: hex or base64'
            cand --tolerance 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]'
            cand --id 'Message id for schemes that sign one (standard) [default: a fresh msg_ id]'
            cand --timestamp 'Unix timestamp for timestamped schemes [default: now]'
            cand --format 'format'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-input 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
            cand -v 'More diagnostics on stderr'
            cand --verbose 'More diagnostics on stderr'
            cand -q 'Fewer diagnostics on stderr'
            cand --quiet 'Fewer diagnostics on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hooks;verify'= {
            cand -p 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)'
            cand --provider 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)'
            cand --secret 'Signing secret; repeat to accept any of several when verifying (rotation)'
            cand --scheme 'Use another scheme than the provider''s (e.g. --provider webwork --scheme standard)'
            cand --signature-header 'Signature header, for the hmac and header schemes'
            cand --prefix 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)'
            cand --encoding 'Digest encoding for the hmac scheme: hex or base64'
            cand --tolerance 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]'
            cand -H 'A header of the delivery, as received; repeatable'
            cand --header 'A header of the delivery, as received; repeatable'
            cand --format 'format'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-input 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
            cand -v 'More diagnostics on stderr'
            cand --verbose 'More diagnostics on stderr'
            cand -q 'Fewer diagnostics on stderr'
            cand --quiet 'Fewer diagnostics on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hooks;fixtures'= {
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-input 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
            cand -v 'More diagnostics on stderr'
            cand --verbose 'More diagnostics on stderr'
            cand -q 'Fewer diagnostics on stderr'
            cand --quiet 'Fewer diagnostics on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the events that have fixtures'
            cand show 'Print an event''s fixture'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hooks;fixtures;list'= {
            cand -p 'p'
            cand --provider 'provider'
            cand --format 'format'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-input 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
            cand -v 'More diagnostics on stderr'
            cand --verbose 'More diagnostics on stderr'
            cand -q 'Fewer diagnostics on stderr'
            cand --quiet 'Fewer diagnostics on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hooks;fixtures;show'= {
            cand -p 'p'
            cand --provider 'provider'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-input 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
            cand -v 'More diagnostics on stderr'
            cand --verbose 'More diagnostics on stderr'
            cand -q 'Fewer diagnostics on stderr'
            cand --quiet 'Fewer diagnostics on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hooks;fixtures;help'= {
            cand list 'List the events that have fixtures'
            cand show 'Print an event''s fixture'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hooks;fixtures;help;list'= {
        }
        &'hooks;fixtures;help;show'= {
        }
        &'hooks;fixtures;help;help'= {
        }
        &'hooks;completions'= {
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-input 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
            cand -v 'More diagnostics on stderr'
            cand --verbose 'More diagnostics on stderr'
            cand -q 'Fewer diagnostics on stderr'
            cand --quiet 'Fewer diagnostics on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hooks;man'= {
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-input 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
            cand -v 'More diagnostics on stderr'
            cand --verbose 'More diagnostics on stderr'
            cand -q 'Fewer diagnostics on stderr'
            cand --quiet 'Fewer diagnostics on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hooks;help'= {
            cand send-test 'Send a realistic, correctly signed test event from a fixture'
            cand sign 'Print the signature headers for a payload'
            cand verify 'Verify a payload''s signature (exit 0 valid, 1 invalid)'
            cand fixtures 'List and show the test event fixtures'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hooks;help;send-test'= {
        }
        &'hooks;help;sign'= {
        }
        &'hooks;help;verify'= {
        }
        &'hooks;help;fixtures'= {
            cand list 'List the events that have fixtures'
            cand show 'Print an event''s fixture'
        }
        &'hooks;help;fixtures;list'= {
        }
        &'hooks;help;fixtures;show'= {
        }
        &'hooks;help;completions'= {
        }
        &'hooks;help;man'= {
        }
        &'hooks;help;help'= {
        }
    ]
    $completions[$command]
}
