
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
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
            cand --no-input 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
            cand -v 'More diagnostics on stderr'
            cand --verbose 'More diagnostics on stderr'
            cand -q 'Fewer diagnostics on stderr'
            cand --quiet 'Fewer diagnostics on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand demo 'See it work: a listener, a sample app, four signed events and a forged one'
            cand listen 'Receive deliveries: verify, print, forward to your app, record'
            cand send-test 'Send a realistic, correctly signed test event from a fixture'
            cand replay 'Re-send recorded deliveries or payload files; --watch re-sends files on save'
            cand deliveries 'List, show and clear recorded deliveries'
            cand inspect 'Serve the inspector (a local web page with replay) for recorded deliveries'
            cand fixtures 'List and show the test event fixtures'
            cand sign 'Print the signature headers for a payload'
            cand verify 'Verify a payload''s signature (exit 0 valid, 1 invalid)'
            cand check 'Check your webhook handler: signatures, replays, duplicates, order, timeouts'
            cand list 'List the provider''s webhooks (all pages)'
            cand get 'Show one webhook'
            cand create 'Create a webhook (prompts for what is missing when interactive)'
            cand update 'Change a webhook''s URL, events or active state'
            cand delete 'Delete a webhook (asks first unless --yes)'
            cand event-types 'List the event types a webhook can subscribe to'
            cand logs 'Show a webhook''s delivery log (awork)'
            cand emulate 'An offline provider: management API, triggered events, delivery with its retries'
            cand relay 'Run a public relay, or connect to one (`hooks relay serve|connect|token`)'
            cand init 'Create a profile in the config file (asks at a terminal; flags for scripts)'
            cand config 'Show the effective configuration (`hooks config show`)'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff) of hooks or of one subcommand'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hooks;demo'= {
            cand --exit-after 'Exit 0 this long after the last event (0s: at once) [default: on Ctrl-C]'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;listen'= {
            cand --port 'Port on 127.0.0.1 to listen on (0 picks a free one)'
            cand --bind 'Address to listen on, e.g. 0.0.0.0:8787 or [::1]:9000'
            cand --path 'Only requests under this path are deliveries (others get 404); it is removed before the path is joined to the target''s'
            cand -f 'Forward deliveries to this URL, or a port on localhost'
            cand --forward 'Forward deliveries to this URL, or a port on localhost'
            cand --forward-event 'Forward events matching PATTERN to URL instead; repeatable, first match wins'
            cand -p 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)'
            cand --provider 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)'
            cand --secret 'Signing secret; repeat to accept any of several when verifying (rotation)'
            cand --scheme 'Use another scheme than the provider''s (e.g. --provider webwork --scheme standard)'
            cand --signature-header 'Signature header, for the hmac and header schemes'
            cand --prefix 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)'
            cand --encoding 'Digest encoding for the hmac scheme: hex or base64'
            cand --tolerance 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]'
            cand --events 'Only print and forward these event types (glob patterns, comma-separated); others are recorded and answered 200'
            cand --format 'format'
            cand --print 'How much of each delivery to print'
            cand --exit-after 'Exit 0 after this many deliveries'
            cand --timeout 'Stop after this long; exit 1 if --exit-after deliveries had not arrived'
            cand --ready-file 'Once listening, write the listener''s URL to this file (atomically; removed on exit), for scripts to wait on'
            cand --forward-timeout 'Give up on the app after this long and answer 504'
            cand --allow-from 'Accept deliveries only from these callers (CIDRs, addresses, or a provider''s published ranges, e.g. workestra); others get 403 and are not forwarded [default: the profile''s allow_from]'
            cand --max-body 'Largest body accepted; larger gets 413 (and is still recorded)'
            cand --body-idle-timeout 'Answer 408 and close when no part of a body arrives for this long'
            cand --body-deadline 'Answer 408 and close when a request''s body is not complete this long after its head'
            cand --trusted-proxies 'Proxies in front of the listener whose X-Forwarded-* are believed, e.g. 10.0.0.0/8,::1'
            cand --retention 'Keep only the newest N deliveries in the store'
            cand --relay 'Also receive deliveries through this relay (`hooks relay serve`), e.g. ws://relay.example.com:8788'
            cand --token 'Token for the relay (`hooks relay token add`)'
            cand --channel 'Relay channel to claim [default: the one the relay assigned before, else a new one]'
            cand --fail-on-disconnect 'Exit with status 3 when disconnected from the relay longer than this'
            cand --relay-heartbeat 'Heartbeat interval with the relay; silent for 2 intervals counts as gone'
            cand --relay-ca 'For a wss:// relay, trust only this CA certificate (PEM) instead of the public roots'
            cand --inspect 'Serve the inspector web page here [default: 127.0.0.1:4040, skipped with a warning when taken]'
            cand --event 'Event the registered webhook subscribes to; repeatable or comma-separated'
            cand --api-url 'With --register: base URL of the management API [default: the provider''s]'
            cand --api-key 'With --register: API key [default: profile api_key, or the output of profile api_key_cmd]'
            cand --api-version 'With --register: WebWork API version, 1 or 2 [default: 1]'
            cand --account-email 'With --register: account e-mail, the Basic auth user of WebWork API v1'
            cand --workspace-id 'With --register: workspace id, for WebWork API v2'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-forward 'Forward nothing this run, even when the profile sets `forward` (deliveries are answered 200)'
            cand --show-secrets 'Print secret header values (Authorization, Cookie, *-token, ...) instead of masking them'
            cand --forward-invalid 'Forward deliveries whose signature is invalid (they are still marked)'
            cand --no-record 'Do not record deliveries in the store'
            cand --print-secret 'Print the secret deliveries are verified with, and exit'
            cand --no-inspect 'Do not serve the inspector'
            cand --register 'Create the provider''s webhook for the relay''s public URL on start and delete it on exit (needs --relay, --provider, --event)'
            cand --allow-unknown-event 'With --register: accept events that are not in the provider''s catalog'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
            cand --wait 'Retry while the target refuses the connection (a listener still starting), up to this long'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;replay'= {
            cand --last 'Replay the newest N recorded deliveries, oldest first'
            cand --to 'Where to send [default: the profile''s `to`, else http://127.0.0.1:8787/]'
            cand --watch 'Send each file in DIR whenever it is saved, until Ctrl-C'
            cand -p 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)'
            cand --provider 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)'
            cand --secret 'Signing secret; repeat to accept any of several when verifying (rotation)'
            cand --scheme 'Use another scheme than the provider''s (e.g. --provider webwork --scheme standard)'
            cand --signature-header 'Signature header, for the hmac and header schemes'
            cand --prefix 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)'
            cand --encoding 'Digest encoding for the hmac scheme: hex or base64'
            cand --tolerance 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]'
            cand --format 'format'
            cand --timeout 'Give up waiting for each response after this long'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --resign 'Re-sign recorded deliveries with a fresh timestamp (and the current secret)'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;deliveries'= {
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
            cand --no-input 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
            cand -v 'More diagnostics on stderr'
            cand --verbose 'More diagnostics on stderr'
            cand -q 'Fewer diagnostics on stderr'
            cand --quiet 'Fewer diagnostics on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List recorded deliveries, newest first'
            cand show 'Show one delivery: request, verification, forward attempts'
            cand clear 'Delete every recorded delivery'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hooks;deliveries;list'= {
            cand --limit 'limit'
            cand --event 'Only deliveries with an event matching this glob pattern'
            cand --format 'format'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;deliveries;show'= {
            cand --format 'format'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --body 'Also print the request body'
            cand --show-secrets 'Show secret header values (Authorization, Cookie, *-token, ...) instead of masking them'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;deliveries;clear'= {
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;deliveries;help'= {
            cand list 'List recorded deliveries, newest first'
            cand show 'Show one delivery: request, verification, forward attempts'
            cand clear 'Delete every recorded delivery'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hooks;deliveries;help;list'= {
        }
        &'hooks;deliveries;help;show'= {
        }
        &'hooks;deliveries;help;clear'= {
        }
        &'hooks;deliveries;help;help'= {
        }
        &'hooks;inspect'= {
            cand --port 'Port on 127.0.0.1 to serve the inspector on (0 picks a free one)'
            cand --bind 'Address to serve on, e.g. 127.0.0.1:4041 (other than loopback exposes replay)'
            cand -f 'Where replays are forwarded [default: the profile''s `forward`; none: replays are only recorded]'
            cand --forward 'Where replays are forwarded [default: the profile''s `forward`; none: replays are only recorded]'
            cand -p 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)'
            cand --provider 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)'
            cand --secret 'Signing secret; repeat to accept any of several when verifying (rotation)'
            cand --scheme 'Use another scheme than the provider''s (e.g. --provider webwork --scheme standard)'
            cand --signature-header 'Signature header, for the hmac and header schemes'
            cand --prefix 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)'
            cand --encoding 'Digest encoding for the hmac scheme: hex or base64'
            cand --tolerance 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]'
            cand --forward-timeout 'Give up on the app after this long and record a 504'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;check'= {
            cand --to 'Your webhook handler''s URL (or port on localhost) [default: the profile''s `to`]'
            cand -p 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)'
            cand --provider 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)'
            cand --secret 'Signing secret; repeat to accept any of several when verifying (rotation)'
            cand --scheme 'Use another scheme than the provider''s (e.g. --provider webwork --scheme standard)'
            cand --signature-header 'Signature header, for the hmac and header schemes'
            cand --prefix 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)'
            cand --encoding 'Digest encoding for the hmac scheme: hex or base64'
            cand --tolerance 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]'
            cand --events 'Events to send, comma-separated [default: every fixture of the provider]'
            cand --only 'Run only these cases, comma-separated'
            cand --skip 'Leave out these cases, comma-separated (the ids of --only)'
            cand --timeout 'The longest an answer may take [default: the provider''s timeout, e.g. 30s for awork]'
            cand --format 'One line per case, or one JSON object per case'
            cand --junit 'Also write the verdicts as JUnit XML to FILE, for CI'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;list'= {
            cand -p 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)'
            cand --provider 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)'
            cand --api-url 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider''s]'
            cand --api-key 'API key [default: profile api_key, or the output of profile api_key_cmd]'
            cand --api-version 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]'
            cand --account-email 'Account e-mail, the Basic auth user of WebWork API v1'
            cand --workspace-id 'Workspace id, for WebWork API v2'
            cand --timeout 'Give up on a request after this long'
            cand --format 'Output format: an aligned table or one JSON object per line'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;get'= {
            cand -p 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)'
            cand --provider 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)'
            cand --api-url 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider''s]'
            cand --api-key 'API key [default: profile api_key, or the output of profile api_key_cmd]'
            cand --api-version 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]'
            cand --account-email 'Account e-mail, the Basic auth user of WebWork API v1'
            cand --workspace-id 'Workspace id, for WebWork API v2'
            cand --timeout 'Give up on a request after this long'
            cand --format 'Output format: an aligned table or one JSON object per line'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;create'= {
            cand --url 'Where the provider should deliver'
            cand -e 'Event to subscribe to; repeatable or comma-separated'
            cand --event 'Event to subscribe to; repeatable or comma-separated'
            cand --name 'Webhook name (awork) [default: hooks]'
            cand --header 'Header the provider sends with every delivery, for awork''s header authentication'
            cand -p 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)'
            cand --provider 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)'
            cand --api-url 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider''s]'
            cand --api-key 'API key [default: profile api_key, or the output of profile api_key_cmd]'
            cand --api-version 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]'
            cand --account-email 'Account e-mail, the Basic auth user of WebWork API v1'
            cand --workspace-id 'Workspace id, for WebWork API v2'
            cand --timeout 'Give up on a request after this long'
            cand --format 'Output format: an aligned table or one JSON object per line'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --allow-unknown-event 'Accept events that are not in the provider''s catalog'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;update'= {
            cand --url 'New delivery URL'
            cand -e 'Replace the events with these; repeatable or comma-separated'
            cand --event 'Replace the events with these; repeatable or comma-separated'
            cand -p 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)'
            cand --provider 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)'
            cand --api-url 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider''s]'
            cand --api-key 'API key [default: profile api_key, or the output of profile api_key_cmd]'
            cand --api-version 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]'
            cand --account-email 'Account e-mail, the Basic auth user of WebWork API v1'
            cand --workspace-id 'Workspace id, for WebWork API v2'
            cand --timeout 'Give up on a request after this long'
            cand --format 'Output format: an aligned table or one JSON object per line'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --allow-unknown-event 'Accept events that are not in the provider''s catalog'
            cand --active 'Turn deliveries on (awork)'
            cand --inactive 'Turn deliveries off (awork)'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;delete'= {
            cand -p 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)'
            cand --provider 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)'
            cand --api-url 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider''s]'
            cand --api-key 'API key [default: profile api_key, or the output of profile api_key_cmd]'
            cand --api-version 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]'
            cand --account-email 'Account e-mail, the Basic auth user of WebWork API v1'
            cand --workspace-id 'Workspace id, for WebWork API v2'
            cand --timeout 'Give up on a request after this long'
            cand --format 'Output format: an aligned table or one JSON object per line'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand -y 'Delete without asking'
            cand --yes 'Delete without asking'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;event-types'= {
            cand -p 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)'
            cand --provider 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)'
            cand --api-url 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider''s]'
            cand --api-key 'API key [default: profile api_key, or the output of profile api_key_cmd]'
            cand --api-version 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]'
            cand --account-email 'Account e-mail, the Basic auth user of WebWork API v1'
            cand --workspace-id 'Workspace id, for WebWork API v2'
            cand --timeout 'Give up on a request after this long'
            cand --format 'Output format: an aligned table or one JSON object per line'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;logs'= {
            cand -p 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)'
            cand --provider 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)'
            cand --api-url 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider''s]'
            cand --api-key 'API key [default: profile api_key, or the output of profile api_key_cmd]'
            cand --api-version 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]'
            cand --account-email 'Account e-mail, the Basic auth user of WebWork API v1'
            cand --workspace-id 'Workspace id, for WebWork API v2'
            cand --timeout 'Give up on a request after this long'
            cand --format 'Output format: an aligned table or one JSON object per line'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;emulate'= {
            cand -p 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)'
            cand --provider 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)'
            cand --secret 'Signing secret; repeat to accept any of several when verifying (rotation)'
            cand --scheme 'Use another scheme than the provider''s (e.g. --provider webwork --scheme standard)'
            cand --signature-header 'Signature header, for the hmac and header schemes'
            cand --prefix 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)'
            cand --encoding 'Digest encoding for the hmac scheme: hex or base64'
            cand --tolerance 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]'
            cand --port 'Port on 127.0.0.1 (0 picks a free one; the bound address is printed)'
            cand --data-dir 'Where the emulator keeps its state [default: $HOOKS_DATA_DIR/emulator/<provider>]'
            cand --time-scale 'Multiply every provider delay, batch window and timeout by F (e.g. 0.01 in tests)'
            cand --api-key 'API key the management API accepts [default: the profile''s api_key, else one generated in the data dir]'
            cand --duplicate-rate 'Chance (0 to 1) that a delivered attempt is sent a second time'
            cand --delay 'Wait this long before every attempt (not scaled)'
            cand --format 'Attempt lines as pretty text or one JSON object per line'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --reorder 'Deliver out of order: shuffle events within a batch, spread first attempts'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
            cand --no-input 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
            cand -v 'More diagnostics on stderr'
            cand --verbose 'More diagnostics on stderr'
            cand -q 'Fewer diagnostics on stderr'
            cand --quiet 'Fewer diagnostics on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand trigger 'Trigger an event on a running emulator (POST /_emulator/events)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hooks;emulate;trigger'= {
            cand --set 'Override a value in the payload: dotted path, JSON value or string; repeatable'
            cand --data 'The event''s data as JSON, or @FILE; replaces the fixture''s data'
            cand --count 'How many events to trigger'
            cand --api-url 'The running emulator [default: http://127.0.0.1:8790]'
            cand --format 'format'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;emulate;help'= {
            cand trigger 'Trigger an event on a running emulator (POST /_emulator/events)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hooks;emulate;help;trigger'= {
        }
        &'hooks;emulate;help;help'= {
        }
        &'hooks;relay'= {
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
            cand --no-input 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
            cand -v 'More diagnostics on stderr'
            cand --verbose 'More diagnostics on stderr'
            cand -q 'Fewer diagnostics on stderr'
            cand --quiet 'Fewer diagnostics on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Run a public relay that passes requests to connected developers'
            cand connect 'Connect to a relay and forward its requests to a local URL (exact bytes)'
            cand token 'Manage the relay''s tokens file'
            cand queue 'List the offline queue and its dead letters; retry or drop dead letters'
            cand status 'Show a cluster''s relay nodes, the channels they hold and the queue depths'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hooks;relay;serve'= {
            cand --bind 'Address to listen on; without --tokens only a loopback address is allowed'
            cand --public-url 'The relay''s public base URL, used in the URLs it hands out [default: http://ADDR]'
            cand --domain 'Also route <channel>.DOMAIN to the channel (needs a wildcard DNS record)'
            cand --tokens 'Tokens file (`NAME sha256:HEX` lines); required on a non-loopback address'
            cand --data-dir 'Where the channel registry and offline queue live [default: DATA_DIR/relay]'
            cand --max-body 'Largest request body accepted, e.g. 25MiB, 1MB, 4096'
            cand --request-timeout 'Answer 504 when the developer''s machine has not answered this long after the request'
            cand --body-idle-timeout 'Answer 408 when a public request body pauses this long'
            cand --body-deadline 'Answer 408 when a public request body is not complete this long after its head'
            cand --trusted-proxies 'Proxies in front of the relay whose X-Forwarded-* are believed, e.g. 10.0.0.0/8,::1'
            cand --allow-from 'Answer public requests from other addresses with 403 (CIDRs, or a provider with published ranges: workestra)'
            cand --queue-limit 'Most requests kept per offline channel; more are refused with 507'
            cand --queue-ttl 'Queued requests older than this are dropped (dead letters are kept)'
            cand --queue-max-attempts 'Failed deliveries after which a queued request becomes a dead letter'
            cand --queue-max-bytes 'Body bytes stored per channel (queued and dead letters); more are refused with 507'
            cand --queue-max-total-bytes 'Body bytes stored for all channels together; more are refused with 507'
            cand --offline 'What to do with a request for a channel whose client is not connected'
            cand --rate-limit 'Requests per second a channel may receive (burst the same); 0 for no limit'
            cand --max-streams 'Concurrent requests in flight on one client connection'
            cand --max-connections-per-token 'Open connections allowed per token'
            cand --heartbeat 'Heartbeat interval; a client silent for 2 intervals is dropped (pings go every half interval)'
            cand --tls-cert 'Serve HTTPS and wss with this certificate chain (PEM)'
            cand --tls-key 'The private key (PEM) for --tls-cert'
            cand --cluster 'Run as one node of a cluster: NATS servers with JetStream, comma-separated (nats://HOST:PORT,...)'
            cand --node-id 'This node''s name in the cluster [default: the hostname and a short random suffix]'
            cand --nats-creds 'NATS credentials file (JWT and NKey seed)'
            cand --nats-token 'NATS token'
            cand --nats-tls-ca 'CA certificate (PEM) that signed the NATS servers'' TLS certificates'
            cand --nats-replicas 'Copies of the cluster''s buckets and queue [default: 3 on a NATS cluster, 1 on one server]'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;relay;connect'= {
            cand --relay 'The relay, e.g. ws://relay.example.com:8788'
            cand --token 'Token from the relay''s admin (`hooks relay token add`)'
            cand --channel 'Channel name to claim [default: the one the relay assigned before, else a new one]'
            cand --forward 'Local URL or port that receives the requests'
            cand --fail-on-disconnect 'Exit with status 3 when disconnected from the relay longer than this'
            cand --timeout 'Give up on the local app after this long (the relay answers 504)'
            cand --heartbeat 'Heartbeat interval; a relay silent for 2 intervals counts as gone'
            cand --relay-ca 'For a wss:// relay, trust only this CA certificate (PEM) instead of the public roots'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;relay;token'= {
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
            cand --no-input 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
            cand -v 'More diagnostics on stderr'
            cand --verbose 'More diagnostics on stderr'
            cand -q 'Fewer diagnostics on stderr'
            cand --quiet 'Fewer diagnostics on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Create a token, append its hash to the tokens file, print the token once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hooks;relay;token;add'= {
            cand --tokens 'tokens'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;relay;token;help'= {
            cand add 'Create a token, append its hash to the tokens file, print the token once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hooks;relay;token;help;add'= {
        }
        &'hooks;relay;token;help;help'= {
        }
        &'hooks;relay;queue'= {
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
            cand --no-input 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
            cand -v 'More diagnostics on stderr'
            cand --verbose 'More diagnostics on stderr'
            cand -q 'Fewer diagnostics on stderr'
            cand --quiet 'Fewer diagnostics on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List queued requests and dead letters, per channel, oldest first'
            cand retry 'Move dead letters to the end of their channel''s queue, attempts reset'
            cand drop 'Delete dead letters and their bodies'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hooks;relay;queue;list'= {
            cand --data-dir 'The relay''s data dir, as given to `hooks relay serve` [default: DATA_DIR/relay]'
            cand --cluster 'A cluster''s queue in JetStream instead: its NATS servers (nats://HOST:PORT,...)'
            cand --nats-creds 'NATS credentials file (JWT and NKey seed)'
            cand --nats-token 'NATS token'
            cand --nats-tls-ca 'CA certificate (PEM) that signed the NATS servers'' TLS certificates'
            cand --channel 'Only this channel''s requests'
            cand --format 'format'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --dead 'Only dead letters'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;relay;queue;retry'= {
            cand --data-dir 'The relay''s data dir, as given to `hooks relay serve` [default: DATA_DIR/relay]'
            cand --cluster 'A cluster''s queue in JetStream instead: its NATS servers (nats://HOST:PORT,...)'
            cand --nats-creds 'NATS credentials file (JWT and NKey seed)'
            cand --nats-token 'NATS token'
            cand --nats-tls-ca 'CA certificate (PEM) that signed the NATS servers'' TLS certificates'
            cand --channel 'Only this channel''s requests'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --all 'Every dead letter (of --channel, if given)'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;relay;queue;drop'= {
            cand --data-dir 'The relay''s data dir, as given to `hooks relay serve` [default: DATA_DIR/relay]'
            cand --cluster 'A cluster''s queue in JetStream instead: its NATS servers (nats://HOST:PORT,...)'
            cand --nats-creds 'NATS credentials file (JWT and NKey seed)'
            cand --nats-token 'NATS token'
            cand --nats-tls-ca 'CA certificate (PEM) that signed the NATS servers'' TLS certificates'
            cand --channel 'Only this channel''s requests'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --all 'Every dead letter (of --channel, if given); needs --yes'
            cand -y 'Confirm --all'
            cand --yes 'Confirm --all'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;relay;queue;help'= {
            cand list 'List queued requests and dead letters, per channel, oldest first'
            cand retry 'Move dead letters to the end of their channel''s queue, attempts reset'
            cand drop 'Delete dead letters and their bodies'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hooks;relay;queue;help;list'= {
        }
        &'hooks;relay;queue;help;retry'= {
        }
        &'hooks;relay;queue;help;drop'= {
        }
        &'hooks;relay;queue;help;help'= {
        }
        &'hooks;relay;status'= {
            cand --cluster 'The cluster''s NATS servers, comma-separated (nats://HOST:PORT,...)'
            cand --nats-creds 'NATS credentials file (JWT and NKey seed)'
            cand --nats-token 'NATS token'
            cand --nats-tls-ca 'CA certificate (PEM) that signed the NATS servers'' TLS certificates'
            cand --format 'format'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;relay;help'= {
            cand serve 'Run a public relay that passes requests to connected developers'
            cand connect 'Connect to a relay and forward its requests to a local URL (exact bytes)'
            cand token 'Manage the relay''s tokens file'
            cand queue 'List the offline queue and its dead letters; retry or drop dead letters'
            cand status 'Show a cluster''s relay nodes, the channels they hold and the queue depths'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hooks;relay;help;serve'= {
        }
        &'hooks;relay;help;connect'= {
        }
        &'hooks;relay;help;token'= {
            cand add 'Create a token, append its hash to the tokens file, print the token once'
        }
        &'hooks;relay;help;token;add'= {
        }
        &'hooks;relay;help;queue'= {
            cand list 'List queued requests and dead letters, per channel, oldest first'
            cand retry 'Move dead letters to the end of their channel''s queue, attempts reset'
            cand drop 'Delete dead letters and their bodies'
        }
        &'hooks;relay;help;queue;list'= {
        }
        &'hooks;relay;help;queue;retry'= {
        }
        &'hooks;relay;help;queue;drop'= {
        }
        &'hooks;relay;help;status'= {
        }
        &'hooks;relay;help;help'= {
        }
        &'hooks;init'= {
            cand -p 'Provider or scheme the profile signs and verifies with'
            cand --provider 'Provider or scheme the profile signs and verifies with'
            cand --secret 'Signing secret to store in the profile'
            cand --forward 'Where `hooks listen` forwards deliveries: a URL, or a port on localhost'
            cand --api-key 'API key for the provider''s management API (stored in the config file, made 0600)'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --generate-secret 'Generate a new random secret (whsec_…) instead of --secret'
            cand --force 'Replace the profile if it exists'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;config'= {
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
            cand --no-input 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
            cand -v 'More diagnostics on stderr'
            cand --verbose 'More diagnostics on stderr'
            cand -q 'Fewer diagnostics on stderr'
            cand --quiet 'Fewer diagnostics on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Print the effective settings and where each came from (flag, env, profile, default); secrets masked'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hooks;config;show'= {
            cand --format 'format'
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
        &'hooks;config;help'= {
            cand show 'Print the effective settings and where each came from (flag, env, profile, default); secrets masked'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hooks;config;help;show'= {
        }
        &'hooks;config;help;help'= {
        }
        &'hooks;completions'= {
            cand --color 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]'
            cand --profile 'Profile from the configuration file'
            cand --fixtures 'Extra fixtures directory (<provider>/<event>.json); repeatable'
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
            cand --no-profile 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
            cand demo 'See it work: a listener, a sample app, four signed events and a forged one'
            cand listen 'Receive deliveries: verify, print, forward to your app, record'
            cand send-test 'Send a realistic, correctly signed test event from a fixture'
            cand replay 'Re-send recorded deliveries or payload files; --watch re-sends files on save'
            cand deliveries 'List, show and clear recorded deliveries'
            cand inspect 'Serve the inspector (a local web page with replay) for recorded deliveries'
            cand fixtures 'List and show the test event fixtures'
            cand sign 'Print the signature headers for a payload'
            cand verify 'Verify a payload''s signature (exit 0 valid, 1 invalid)'
            cand check 'Check your webhook handler: signatures, replays, duplicates, order, timeouts'
            cand list 'List the provider''s webhooks (all pages)'
            cand get 'Show one webhook'
            cand create 'Create a webhook (prompts for what is missing when interactive)'
            cand update 'Change a webhook''s URL, events or active state'
            cand delete 'Delete a webhook (asks first unless --yes)'
            cand event-types 'List the event types a webhook can subscribe to'
            cand logs 'Show a webhook''s delivery log (awork)'
            cand emulate 'An offline provider: management API, triggered events, delivery with its retries'
            cand relay 'Run a public relay, or connect to one (`hooks relay serve|connect|token`)'
            cand init 'Create a profile in the config file (asks at a terminal; flags for scripts)'
            cand config 'Show the effective configuration (`hooks config show`)'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff) of hooks or of one subcommand'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hooks;help;demo'= {
        }
        &'hooks;help;listen'= {
        }
        &'hooks;help;send-test'= {
        }
        &'hooks;help;replay'= {
        }
        &'hooks;help;deliveries'= {
            cand list 'List recorded deliveries, newest first'
            cand show 'Show one delivery: request, verification, forward attempts'
            cand clear 'Delete every recorded delivery'
        }
        &'hooks;help;deliveries;list'= {
        }
        &'hooks;help;deliveries;show'= {
        }
        &'hooks;help;deliveries;clear'= {
        }
        &'hooks;help;inspect'= {
        }
        &'hooks;help;fixtures'= {
            cand list 'List the events that have fixtures'
            cand show 'Print an event''s fixture'
        }
        &'hooks;help;fixtures;list'= {
        }
        &'hooks;help;fixtures;show'= {
        }
        &'hooks;help;sign'= {
        }
        &'hooks;help;verify'= {
        }
        &'hooks;help;check'= {
        }
        &'hooks;help;list'= {
        }
        &'hooks;help;get'= {
        }
        &'hooks;help;create'= {
        }
        &'hooks;help;update'= {
        }
        &'hooks;help;delete'= {
        }
        &'hooks;help;event-types'= {
        }
        &'hooks;help;logs'= {
        }
        &'hooks;help;emulate'= {
            cand trigger 'Trigger an event on a running emulator (POST /_emulator/events)'
        }
        &'hooks;help;emulate;trigger'= {
        }
        &'hooks;help;relay'= {
            cand serve 'Run a public relay that passes requests to connected developers'
            cand connect 'Connect to a relay and forward its requests to a local URL (exact bytes)'
            cand token 'Manage the relay''s tokens file'
            cand queue 'List the offline queue and its dead letters; retry or drop dead letters'
            cand status 'Show a cluster''s relay nodes, the channels they hold and the queue depths'
        }
        &'hooks;help;relay;serve'= {
        }
        &'hooks;help;relay;connect'= {
        }
        &'hooks;help;relay;token'= {
            cand add 'Create a token, append its hash to the tokens file, print the token once'
        }
        &'hooks;help;relay;token;add'= {
        }
        &'hooks;help;relay;queue'= {
            cand list 'List queued requests and dead letters, per channel, oldest first'
            cand retry 'Move dead letters to the end of their channel''s queue, attempts reset'
            cand drop 'Delete dead letters and their bodies'
        }
        &'hooks;help;relay;queue;list'= {
        }
        &'hooks;help;relay;queue;retry'= {
        }
        &'hooks;help;relay;queue;drop'= {
        }
        &'hooks;help;relay;status'= {
        }
        &'hooks;help;init'= {
        }
        &'hooks;help;config'= {
            cand show 'Print the effective settings and where each came from (flag, env, profile, default); secrets masked'
        }
        &'hooks;help;config;show'= {
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
