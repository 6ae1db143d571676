# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_hooks_global_optspecs
    string join \n color= config= profile= no-profile fixtures= no-input v/verbose q/quiet h/help V/version
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
complete -c hooks -n "__fish_hooks_needs_command" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_needs_command" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_needs_command" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_needs_command" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_needs_command" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_needs_command" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_needs_command" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "demo" -d 'See it work: a listener, a sample app, four signed events and a forged one'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "listen" -d 'Receive deliveries: verify, print, forward to your app, record'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "send-test" -d 'Send a realistic, correctly signed test event from a fixture'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "replay" -d 'Re-send recorded deliveries or payload files; --watch re-sends files on save'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "deliveries" -d 'List, show and clear recorded deliveries'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "inspect" -d 'Serve the inspector (a local web page with replay) for recorded deliveries'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "fixtures" -d 'List and show the test event fixtures'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "sign" -d 'Print the signature headers for a payload'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "verify" -d 'Verify a payload\'s signature (exit 0 valid, 1 invalid)'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "check" -d 'Check your webhook handler: signatures, replays, duplicates, order, timeouts'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "list" -d 'List the provider\'s webhooks (all pages)'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "get" -d 'Show one webhook'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "create" -d 'Create a webhook (prompts for what is missing when interactive)'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "update" -d 'Change a webhook\'s URL, events or active state'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "delete" -d 'Delete a webhook (asks first unless --yes)'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "event-types" -d 'List the event types a webhook can subscribe to'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "logs" -d 'Show a webhook\'s delivery log (awork)'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "emulate" -d 'An offline provider: management API, triggered events, delivery with its retries'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "relay" -d 'Run a public relay, or connect to one (`hooks relay serve|connect|token`)'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "init" -d 'Create a profile in the config file (asks at a terminal; flags for scripts)'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "config" -d 'Show the effective configuration (`hooks config show`)'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "man" -d 'Print the man page (roff) of hooks or of one subcommand'
complete -c hooks -n "__fish_hooks_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand demo" -l exit-after -d 'Exit 0 this long after the last event (0s: at once) [default: on Ctrl-C]' -r
complete -c hooks -n "__fish_hooks_using_subcommand demo" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand demo" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand demo" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand demo" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand demo" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand demo" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand demo" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand demo" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand demo" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand demo" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l port -d 'Port on 127.0.0.1 to listen on (0 picks a free one)' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l bind -d 'Address to listen on, e.g. 0.0.0.0:8787 or [::1]:9000' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l path -d 'Only requests under this path are deliveries (others get 404); it is removed before the path is joined to the target\'s' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -s f -l forward -d 'Forward deliveries to this URL, or a port on localhost' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l forward-event -d 'Forward events matching PATTERN to URL instead; repeatable, first match wins' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l forward-header -d 'Set this header on every forwarded request, replacing the delivery\'s own of that name; repeatable' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l respond -d 'With no app to forward to, answer STATUS, with BODY (default {"received":true,"id":N}) after DELAY, e.g. 503,busy,2s' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l respond-event -d 'With no app to forward to, answer events matching PATTERN so instead; repeatable, first match wins' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l forward-ca -d 'For an https app, also trust the certificates in this PEM file (its CA, e.g. mkcert\'s rootCA.pem, or its self-signed certificate)' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand listen" -s p -l provider -d 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l secret -d 'Signing secret; repeat to accept any of several when verifying (rotation)' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l secret-file -d 'Read the signing secret from FILE (one line), off the command line other users can read; with --secret, both are accepted' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l scheme -d 'Use another scheme than the provider\'s (e.g. --provider webwork --scheme standard)' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l signature-header -d 'Signature header, for the hmac and header schemes' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l prefix -d 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l encoding -d 'Digest encoding for the hmac scheme: hex or base64' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l tolerance -d 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l events -d 'Only print and forward these event types (glob patterns, comma-separated); others are recorded and answered 200' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l filter -d 'Only print and forward deliveries whose header or JSON field matches a glob, e.g. \'header:X-Event=deal.*\' or \'json:data.status=paid\'; repeatable, all must match' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l format -r -f -a "pretty\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l print -d 'How much of each delivery to print' -r -f -a "summary\t'One line per event and one for the app\'s answer'
headers\t'The summary and the request headers'
body\t'The summary and the request body'
all\t'The summary, headers and body'
response\t'The summary and the app\'s answer: status, headers and a body excerpt'"
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l exit-after -d 'Exit 0 after this many deliveries' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l timeout -d 'Stop after this long; exit 1 if --exit-after deliveries had not arrived' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l ready-file -d 'Once listening, write the listener\'s URL to this file (atomically; removed on exit), for scripts to wait on' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l forward-timeout -d 'Give up on the app after this long and answer 504' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l allow-from -d 'Accept deliveries only from these callers (CIDRs, addresses, or a provider\'s published ranges, e.g. workestra); others get 403 and are not forwarded [default: the profile\'s allow_from]' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l max-body -d 'Largest body accepted; larger gets 413 (and is still recorded)' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l body-idle-timeout -d 'Answer 408 and close when no part of a body arrives for this long' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l body-deadline -d 'Answer 408 and close when a request\'s body is not complete this long after its head' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l trusted-proxies -d 'Proxies in front of the listener whose X-Forwarded-* are believed, e.g. 10.0.0.0/8,::1' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l retention -d 'Keep only the newest N deliveries in the store' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l relay -d 'Also receive deliveries through this relay (`hooks relay serve`), e.g. ws://relay.example.com:8788' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l token -d 'Token for the relay (`hooks relay token add`)' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l token-file -d 'Read the relay token from FILE (one line), off the command line' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l channel -d 'Relay channel to claim [default: the one the relay assigned before, else a new one]' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l fail-on-disconnect -d 'Exit with status 3 when disconnected from the relay longer than this' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l relay-heartbeat -d 'Heartbeat interval with the relay; silent for 2 intervals counts as gone' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l relay-ca -d 'For a wss:// relay, trust only this CA certificate (PEM) instead of the public roots' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l inspect -d 'Serve the inspector web page here [default: 127.0.0.1:4040, skipped with a warning when taken]' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l event -d 'Event the registered webhook subscribes to; repeatable or comma-separated' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l api-url -d 'With --register: base URL of the management API [default: the provider\'s]' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l api-key -d 'With --register: API key [default: profile api_key, or the output of profile api_key_cmd]' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l api-version -d 'With --register: WebWork API version, 1 or 2 [default: 1]' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l account-email -d 'With --register: account e-mail, the Basic auth user of WebWork API v1' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l workspace-id -d 'With --register: workspace id, for WebWork API v2' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l no-forward -d 'Forward nothing this run, even when the profile sets `forward` (deliveries are answered 200)'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l forward-insecure -d 'For an https app, accept any certificate (encrypted, but the app is not authenticated)'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l show-secrets -d 'Print secret header values (Authorization, Cookie, *-token, ...) instead of masking them'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l forward-invalid -d 'Forward deliveries whose signature is invalid (they are still marked)'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l no-record -d 'Do not record deliveries in the store'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l print-secret -d 'Print the secret deliveries are verified with, and exit'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l no-inspect -d 'Do not serve the inspector'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l register -d 'Create the provider\'s webhook for the relay\'s public URL on start and delete it on exit (needs --relay, --provider, --event)'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l allow-unknown-event -d 'With --register: accept events that are not in the provider\'s catalog'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hooks -n "__fish_hooks_using_subcommand listen" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l to -d 'Where to POST the delivery [default: http://127.0.0.1:8787/]' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -s p -l provider -d 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l secret -d 'Signing secret; repeat to accept any of several when verifying (rotation)' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l secret-file -d 'Read the signing secret from FILE (one line), off the command line other users can read; with --secret, both are accepted' -r -F
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
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l wait -d 'Retry while the target refuses the connection (a listener still starting), up to this long' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand send-test" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l last -d 'Replay the newest N recorded deliveries, oldest first' -r
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l to -d 'Where to send [default: the profile\'s `to`, else http://127.0.0.1:8787/]' -r
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l method -d 'Send recorded deliveries with this method instead' -r
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l path -d 'Send recorded deliveries to this path and query instead (e.g. /hooks?x=1)' -r
complete -c hooks -n "__fish_hooks_using_subcommand replay" -s H -l header -d 'Set this header on recorded deliveries, replacing theirs of that name; repeatable' -r
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l body -d 'Send recorded deliveries with this body instead (a file, or - for stdin); Content-Length follows; add --resign to sign it' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l forward-ca -d 'For an https --to, also trust the certificates in this PEM file (its CA, e.g. mkcert\'s rootCA.pem)' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l watch -d 'Send each file in DIR whenever it is saved, until Ctrl-C' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand replay" -s p -l provider -d 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)' -r
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l secret -d 'Signing secret; repeat to accept any of several when verifying (rotation)' -r
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l secret-file -d 'Read the signing secret from FILE (one line), off the command line other users can read; with --secret, both are accepted' -r -F
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
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l resign -d 'Re-sign recorded deliveries with a fresh timestamp (and the current secret)'
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l forward-insecure -d 'For an https --to, accept any certificate (encrypted, but the app is not authenticated)'
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand replay" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand replay" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand replay" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand replay" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand replay" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and not __fish_seen_subcommand_from list show clear help" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and not __fish_seen_subcommand_from list show clear help" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and not __fish_seen_subcommand_from list show clear help" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and not __fish_seen_subcommand_from list show clear help" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and not __fish_seen_subcommand_from list show clear help" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from list" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from list" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from show" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from show" -l body -d 'Also print the request body'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from show" -l show-secrets -d 'Show secret header values (Authorization, Cookie, *-token, ...) instead of masking them'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from show" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from clear" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from clear" -s y -l yes -d 'Do not ask for confirmation'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from clear" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from clear" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from clear" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from clear" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from clear" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from help" -f -a "list" -d 'List recorded deliveries, newest first'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one delivery: request, verification, forward attempts'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Delete every recorded delivery'
complete -c hooks -n "__fish_hooks_using_subcommand deliveries; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -l port -d 'Port on 127.0.0.1 to serve the inspector on (0 picks a free one)' -r
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -l bind -d 'Address to serve on, e.g. 127.0.0.1:4041 (other than loopback exposes replay)' -r
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -s f -l forward -d 'Where replays are forwarded [default: the profile\'s `forward`; none: replays are only recorded]' -r
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -s p -l provider -d 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)' -r
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -l secret -d 'Signing secret; repeat to accept any of several when verifying (rotation)' -r
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -l secret-file -d 'Read the signing secret from FILE (one line), off the command line other users can read; with --secret, both are accepted' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -l scheme -d 'Use another scheme than the provider\'s (e.g. --provider webwork --scheme standard)' -r
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -l signature-header -d 'Signature header, for the hmac and header schemes' -r
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -l prefix -d 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)' -r
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -l encoding -d 'Digest encoding for the hmac scheme: hex or base64' -r
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -l tolerance -d 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]' -r
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -l forward-timeout -d 'Give up on the app after this long and record a 504' -r
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand inspect" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and not __fish_seen_subcommand_from list show help" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and not __fish_seen_subcommand_from list show help" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and not __fish_seen_subcommand_from list show help" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and not __fish_seen_subcommand_from list show help" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and not __fish_seen_subcommand_from list show help" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from list" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from list" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from show" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from show" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the events that have fixtures'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print an event\'s fixture'
complete -c hooks -n "__fish_hooks_using_subcommand fixtures; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand sign" -s p -l provider -d 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)' -r
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l secret -d 'Signing secret; repeat to accept any of several when verifying (rotation)' -r
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l secret-file -d 'Read the signing secret from FILE (one line), off the command line other users can read; with --secret, both are accepted' -r -F
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
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand sign" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand sign" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand sign" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hooks -n "__fish_hooks_using_subcommand sign" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand verify" -s p -l provider -d 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)' -r
complete -c hooks -n "__fish_hooks_using_subcommand verify" -l secret -d 'Signing secret; repeat to accept any of several when verifying (rotation)' -r
complete -c hooks -n "__fish_hooks_using_subcommand verify" -l secret-file -d 'Read the signing secret from FILE (one line), off the command line other users can read; with --secret, both are accepted' -r -F
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
complete -c hooks -n "__fish_hooks_using_subcommand verify" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand verify" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand verify" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand verify" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand verify" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand verify" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand verify" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand check" -l to -d 'Your webhook handler\'s URL (or port on localhost) [default: the profile\'s `to`]' -r
complete -c hooks -n "__fish_hooks_using_subcommand check" -s p -l provider -d 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)' -r
complete -c hooks -n "__fish_hooks_using_subcommand check" -l secret -d 'Signing secret; repeat to accept any of several when verifying (rotation)' -r
complete -c hooks -n "__fish_hooks_using_subcommand check" -l secret-file -d 'Read the signing secret from FILE (one line), off the command line other users can read; with --secret, both are accepted' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand check" -l scheme -d 'Use another scheme than the provider\'s (e.g. --provider webwork --scheme standard)' -r
complete -c hooks -n "__fish_hooks_using_subcommand check" -l signature-header -d 'Signature header, for the hmac and header schemes' -r
complete -c hooks -n "__fish_hooks_using_subcommand check" -l prefix -d 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)' -r
complete -c hooks -n "__fish_hooks_using_subcommand check" -l encoding -d 'Digest encoding for the hmac scheme: hex or base64' -r
complete -c hooks -n "__fish_hooks_using_subcommand check" -l tolerance -d 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]' -r
complete -c hooks -n "__fish_hooks_using_subcommand check" -l events -d 'Events to send, comma-separated [default: every fixture of the provider]' -r
complete -c hooks -n "__fish_hooks_using_subcommand check" -l only -d 'Run only these cases, comma-separated' -r -f -a "genuine\t'One signed event per fixture (or --events): every answer 2xx'
forged-signature\t'The signature of another secret: expects 4xx (401/403 best)'
tampered-body\t'A valid signature, one byte of the body changed: expects 4xx'
missing-signature\t'No signature headers: expects 4xx'
stale-timestamp\t'Correctly signed 10 minutes ago (timestamped schemes): expects 4xx'
duplicate\t'The same delivery (same id) twice: both 2xx'
out-of-order\t'An update before its create (a When I Work batch reversed): 2xx'
large-body\t'The largest realistic delivery (When I Work: a batch of 100): 2xx'
verification\t'The provider\'s verification request (Workestra endpoint.verify): 200'
timeout\t'Every answer of the run within the provider\'s timeout (or --timeout)'"
complete -c hooks -n "__fish_hooks_using_subcommand check" -l skip -d 'Leave out these cases, comma-separated (the ids of --only)' -r -f -a "genuine\t'One signed event per fixture (or --events): every answer 2xx'
forged-signature\t'The signature of another secret: expects 4xx (401/403 best)'
tampered-body\t'A valid signature, one byte of the body changed: expects 4xx'
missing-signature\t'No signature headers: expects 4xx'
stale-timestamp\t'Correctly signed 10 minutes ago (timestamped schemes): expects 4xx'
duplicate\t'The same delivery (same id) twice: both 2xx'
out-of-order\t'An update before its create (a When I Work batch reversed): 2xx'
large-body\t'The largest realistic delivery (When I Work: a batch of 100): 2xx'
verification\t'The provider\'s verification request (Workestra endpoint.verify): 200'
timeout\t'Every answer of the run within the provider\'s timeout (or --timeout)'"
complete -c hooks -n "__fish_hooks_using_subcommand check" -l timeout -d 'The longest an answer may take [default: the provider\'s timeout, e.g. 30s for awork]' -r
complete -c hooks -n "__fish_hooks_using_subcommand check" -l format -d 'One line per case, or one JSON object per case' -r -f -a "pretty\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand check" -l junit -d 'Also write the verdicts as JUnit XML to FILE, for CI' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand check" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand check" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand check" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand check" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand check" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand check" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand check" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand check" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hooks -n "__fish_hooks_using_subcommand check" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand list" -s p -l provider -d 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)' -r
complete -c hooks -n "__fish_hooks_using_subcommand list" -l api-url -d 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider\'s]' -r
complete -c hooks -n "__fish_hooks_using_subcommand list" -l api-key -d 'API key [default: profile api_key, or the output of profile api_key_cmd]' -r
complete -c hooks -n "__fish_hooks_using_subcommand list" -l api-key-file -d 'Read the API key from FILE (one line), off the command line' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand list" -l api-version -d 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]' -r
complete -c hooks -n "__fish_hooks_using_subcommand list" -l account-email -d 'Account e-mail, the Basic auth user of WebWork API v1' -r
complete -c hooks -n "__fish_hooks_using_subcommand list" -l workspace-id -d 'Workspace id, for WebWork API v2' -r
complete -c hooks -n "__fish_hooks_using_subcommand list" -l timeout -d 'Give up on a request after this long' -r
complete -c hooks -n "__fish_hooks_using_subcommand list" -l format -d 'Output format: an aligned table or one JSON object per line' -r -f -a "table\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand list" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand list" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand list" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand list" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand list" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand list" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand list" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand list" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand list" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand list" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand get" -s p -l provider -d 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)' -r
complete -c hooks -n "__fish_hooks_using_subcommand get" -l api-url -d 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider\'s]' -r
complete -c hooks -n "__fish_hooks_using_subcommand get" -l api-key -d 'API key [default: profile api_key, or the output of profile api_key_cmd]' -r
complete -c hooks -n "__fish_hooks_using_subcommand get" -l api-key-file -d 'Read the API key from FILE (one line), off the command line' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand get" -l api-version -d 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]' -r
complete -c hooks -n "__fish_hooks_using_subcommand get" -l account-email -d 'Account e-mail, the Basic auth user of WebWork API v1' -r
complete -c hooks -n "__fish_hooks_using_subcommand get" -l workspace-id -d 'Workspace id, for WebWork API v2' -r
complete -c hooks -n "__fish_hooks_using_subcommand get" -l timeout -d 'Give up on a request after this long' -r
complete -c hooks -n "__fish_hooks_using_subcommand get" -l format -d 'Output format: an aligned table or one JSON object per line' -r -f -a "table\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand get" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand get" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand get" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand get" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand get" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand get" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand get" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand get" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand get" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand get" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand create" -l url -d 'Where the provider should deliver' -r
complete -c hooks -n "__fish_hooks_using_subcommand create" -s e -l event -d 'Event to subscribe to; repeatable or comma-separated' -r
complete -c hooks -n "__fish_hooks_using_subcommand create" -l name -d 'Webhook name (awork) [default: hooks]' -r
complete -c hooks -n "__fish_hooks_using_subcommand create" -l header -d 'Header the provider sends with every delivery, for awork\'s header authentication' -r
complete -c hooks -n "__fish_hooks_using_subcommand create" -s p -l provider -d 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)' -r
complete -c hooks -n "__fish_hooks_using_subcommand create" -l api-url -d 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider\'s]' -r
complete -c hooks -n "__fish_hooks_using_subcommand create" -l api-key -d 'API key [default: profile api_key, or the output of profile api_key_cmd]' -r
complete -c hooks -n "__fish_hooks_using_subcommand create" -l api-key-file -d 'Read the API key from FILE (one line), off the command line' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand create" -l api-version -d 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]' -r
complete -c hooks -n "__fish_hooks_using_subcommand create" -l account-email -d 'Account e-mail, the Basic auth user of WebWork API v1' -r
complete -c hooks -n "__fish_hooks_using_subcommand create" -l workspace-id -d 'Workspace id, for WebWork API v2' -r
complete -c hooks -n "__fish_hooks_using_subcommand create" -l timeout -d 'Give up on a request after this long' -r
complete -c hooks -n "__fish_hooks_using_subcommand create" -l format -d 'Output format: an aligned table or one JSON object per line' -r -f -a "table\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand create" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand create" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand create" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand create" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand create" -l allow-unknown-event -d 'Accept events that are not in the provider\'s catalog'
complete -c hooks -n "__fish_hooks_using_subcommand create" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand create" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand create" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand create" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand create" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand create" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand update" -l url -d 'New delivery URL' -r
complete -c hooks -n "__fish_hooks_using_subcommand update" -s e -l event -d 'Replace the events with these; repeatable or comma-separated' -r
complete -c hooks -n "__fish_hooks_using_subcommand update" -s p -l provider -d 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)' -r
complete -c hooks -n "__fish_hooks_using_subcommand update" -l api-url -d 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider\'s]' -r
complete -c hooks -n "__fish_hooks_using_subcommand update" -l api-key -d 'API key [default: profile api_key, or the output of profile api_key_cmd]' -r
complete -c hooks -n "__fish_hooks_using_subcommand update" -l api-key-file -d 'Read the API key from FILE (one line), off the command line' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand update" -l api-version -d 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]' -r
complete -c hooks -n "__fish_hooks_using_subcommand update" -l account-email -d 'Account e-mail, the Basic auth user of WebWork API v1' -r
complete -c hooks -n "__fish_hooks_using_subcommand update" -l workspace-id -d 'Workspace id, for WebWork API v2' -r
complete -c hooks -n "__fish_hooks_using_subcommand update" -l timeout -d 'Give up on a request after this long' -r
complete -c hooks -n "__fish_hooks_using_subcommand update" -l format -d 'Output format: an aligned table or one JSON object per line' -r -f -a "table\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand update" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand update" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand update" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand update" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand update" -l allow-unknown-event -d 'Accept events that are not in the provider\'s catalog'
complete -c hooks -n "__fish_hooks_using_subcommand update" -l active -d 'Turn deliveries on (awork)'
complete -c hooks -n "__fish_hooks_using_subcommand update" -l inactive -d 'Turn deliveries off (awork)'
complete -c hooks -n "__fish_hooks_using_subcommand update" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand update" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand update" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand update" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand update" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand update" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand delete" -s p -l provider -d 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)' -r
complete -c hooks -n "__fish_hooks_using_subcommand delete" -l api-url -d 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider\'s]' -r
complete -c hooks -n "__fish_hooks_using_subcommand delete" -l api-key -d 'API key [default: profile api_key, or the output of profile api_key_cmd]' -r
complete -c hooks -n "__fish_hooks_using_subcommand delete" -l api-key-file -d 'Read the API key from FILE (one line), off the command line' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand delete" -l api-version -d 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]' -r
complete -c hooks -n "__fish_hooks_using_subcommand delete" -l account-email -d 'Account e-mail, the Basic auth user of WebWork API v1' -r
complete -c hooks -n "__fish_hooks_using_subcommand delete" -l workspace-id -d 'Workspace id, for WebWork API v2' -r
complete -c hooks -n "__fish_hooks_using_subcommand delete" -l timeout -d 'Give up on a request after this long' -r
complete -c hooks -n "__fish_hooks_using_subcommand delete" -l format -d 'Output format: an aligned table or one JSON object per line' -r -f -a "table\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand delete" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand delete" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand delete" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand delete" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand delete" -s y -l yes -d 'Delete without asking'
complete -c hooks -n "__fish_hooks_using_subcommand delete" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand delete" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand delete" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand delete" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand delete" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand delete" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -s p -l provider -d 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)' -r
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -l api-url -d 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider\'s]' -r
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -l api-key -d 'API key [default: profile api_key, or the output of profile api_key_cmd]' -r
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -l api-key-file -d 'Read the API key from FILE (one line), off the command line' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -l api-version -d 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]' -r
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -l account-email -d 'Account e-mail, the Basic auth user of WebWork API v1' -r
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -l workspace-id -d 'Workspace id, for WebWork API v2' -r
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -l timeout -d 'Give up on a request after this long' -r
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -l format -d 'Output format: an aligned table or one JSON object per line' -r -f -a "table\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand event-types" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand logs" -s p -l provider -d 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)' -r
complete -c hooks -n "__fish_hooks_using_subcommand logs" -l api-url -d 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider\'s]' -r
complete -c hooks -n "__fish_hooks_using_subcommand logs" -l api-key -d 'API key [default: profile api_key, or the output of profile api_key_cmd]' -r
complete -c hooks -n "__fish_hooks_using_subcommand logs" -l api-key-file -d 'Read the API key from FILE (one line), off the command line' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand logs" -l api-version -d 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]' -r
complete -c hooks -n "__fish_hooks_using_subcommand logs" -l account-email -d 'Account e-mail, the Basic auth user of WebWork API v1' -r
complete -c hooks -n "__fish_hooks_using_subcommand logs" -l workspace-id -d 'Workspace id, for WebWork API v2' -r
complete -c hooks -n "__fish_hooks_using_subcommand logs" -l timeout -d 'Give up on a request after this long' -r
complete -c hooks -n "__fish_hooks_using_subcommand logs" -l format -d 'Output format: an aligned table or one JSON object per line' -r -f -a "table\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand logs" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand logs" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand logs" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand logs" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand logs" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand logs" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand logs" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand logs" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand logs" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand logs" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -s p -l provider -d 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l secret -d 'Signing secret; repeat to accept any of several when verifying (rotation)' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l secret-file -d 'Read the signing secret from FILE (one line), off the command line other users can read; with --secret, both are accepted' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l scheme -d 'Use another scheme than the provider\'s (e.g. --provider webwork --scheme standard)' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l signature-header -d 'Signature header, for the hmac and header schemes' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l prefix -d 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l encoding -d 'Digest encoding for the hmac scheme: hex or base64' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l tolerance -d 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l port -d 'Port on 127.0.0.1 (0 picks a free one; the bound address is printed)' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l data-dir -d 'Where the emulator keeps its state [default: $HOOKS_DATA_DIR/emulator/<provider>]' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l time-scale -d 'Multiply every provider delay, batch window and timeout by F (e.g. 0.01 in tests)' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l api-key -d 'API key the management API accepts [default: the profile\'s api_key, else one generated in the data dir]' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l duplicate-rate -d 'Chance (0 to 1) that a delivered attempt is sent a second time' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l delay -d 'Wait this long before every attempt (not scaled)' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l format -d 'Attempt lines as pretty text or one JSON object per line' -r -f -a "pretty\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l reorder -d 'Deliver out of order: shuffle events within a batch, spread first attempts'
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -f -a "trigger" -d 'Trigger an event on a running emulator (POST /_emulator/events)'
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and not __fish_seen_subcommand_from trigger help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from trigger" -l set -d 'Override a value in the payload: dotted path, JSON value or string; repeatable' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from trigger" -l data -d 'The event\'s data as JSON, or @FILE; replaces the fixture\'s data' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from trigger" -l count -d 'How many events to trigger' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from trigger" -l api-url -d 'The running emulator [default: http://127.0.0.1:8790]' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from trigger" -l api-key -d 'The emulator\'s API key [default: the profile\'s api_key, else the keys emulators generated in the data dir]' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from trigger" -l api-key-file -d 'Read the emulator\'s API key from FILE (one line), e.g. the api-key file it generated' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from trigger" -l format -r -f -a "pretty\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from trigger" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from trigger" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from trigger" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from trigger" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from trigger" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from trigger" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from trigger" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from trigger" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from trigger" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from trigger" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from help" -f -a "trigger" -d 'Trigger an event on a running emulator (POST /_emulator/events)'
complete -c hooks -n "__fish_hooks_using_subcommand emulate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token queue status help" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token queue status help" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token queue status help" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token queue status help" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token queue status help" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token queue status help" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token queue status help" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token queue status help" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token queue status help" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token queue status help" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token queue status help" -f -a "serve" -d 'Run a public relay that passes requests to connected developers'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token queue status help" -f -a "connect" -d 'Connect to a relay and forward its requests to a local URL (exact bytes)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token queue status help" -f -a "token" -d 'Manage the relay\'s tokens file'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token queue status help" -f -a "queue" -d 'List the offline queue and its dead letters; retry or drop dead letters'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token queue status help" -f -a "status" -d 'Show a cluster\'s relay nodes, the channels they hold and the queue depths'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and not __fish_seen_subcommand_from serve connect token queue status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l bind -d 'Address to listen on; without --tokens only a loopback address is allowed' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l admin-bind -d 'Address for GET /metrics (never the public port: it names channels) [default: 127.0.0.1:8789]' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l public-url -d 'The relay\'s public base URL, used in the URLs it hands out [default: http://ADDR]' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l domain -d 'Also route <channel>.DOMAIN to the channel (needs a wildcard DNS record)' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l tokens -d 'Tokens file (`NAME sha256:HEX` lines); required on a non-loopback address' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l data-dir -d 'Where the channel registry and offline queue live [default: DATA_DIR/relay]' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l max-body -d 'Largest request body accepted, e.g. 25MiB, 1MB, 4096' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l request-timeout -d 'Answer 504 when the developer\'s machine has not answered this long after the request' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l body-idle-timeout -d 'Answer 408 when a public request body pauses this long' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l body-deadline -d 'Answer 408 when a public request body is not complete this long after its head' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l trusted-proxies -d 'Proxies in front of the relay whose X-Forwarded-* are believed, e.g. 10.0.0.0/8,::1' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l allow-from -d 'Answer public requests from other addresses with 403 (CIDRs, or a provider with published ranges: workestra)' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l queue-limit -d 'Most requests kept per offline channel; more are refused with 507' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l queue-ttl -d 'Queued requests older than this are dropped (dead letters are kept)' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l queue-max-attempts -d 'Failed deliveries after which a queued request becomes a dead letter' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l queue-max-bytes -d 'Body bytes stored per channel (queued and dead letters); more are refused with 507' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l queue-max-total-bytes -d 'Body bytes stored for all channels together; more are refused with 507' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l offline -d 'What to do with a request for a channel whose client is not connected' -r -f -a "queue\t'Store it and answer 202; deliver it when the client reconnects'
reject\t'Answer 503 and keep nothing'"
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l rate-limit -d 'Requests per second a channel may receive (burst the same); 0 for no limit' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l max-streams -d 'Concurrent requests in flight on one client connection' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l max-connections-per-token -d 'Open connections allowed per token' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l max-channels-per-token -d 'Channels one token may claim, all time (claims are kept); with --tokens, on a single node' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l heartbeat -d 'Heartbeat interval; a client silent for 2 intervals is dropped (pings go every half interval)' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l tls-cert -d 'Serve HTTPS and wss with this certificate chain (PEM)' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l tls-key -d 'The private key (PEM) for --tls-cert' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l cluster -d 'Run as one node of a cluster: NATS servers with JetStream, comma-separated (nats://HOST:PORT,...)' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l node-id -d 'This node\'s name in the cluster [default: the hostname and a short random suffix]' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l nats-creds -d 'NATS credentials file (JWT and NKey seed)' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l nats-token -d 'NATS token' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l nats-tls-ca -d 'CA certificate (PEM) that signed the NATS servers\' TLS certificates' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l nats-replicas -d 'Copies of the cluster\'s buckets and queue [default: 3 on a NATS cluster, 1 on one server]' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -l relay -d 'The relay, e.g. ws://relay.example.com:8788' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -l token -d 'Token from the relay\'s admin (`hooks relay token add`)' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -l token-file -d 'Read the token from FILE (one line), off the command line' -r -F
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
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from connect" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -f -a "add" -d 'Create a token, append its hash to the tokens file, print the token once'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from token" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from queue" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from queue" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from queue" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from queue" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from queue" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from queue" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from queue" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from queue" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from queue" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from queue" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from queue" -f -a "list" -d 'List queued requests and dead letters, per channel, oldest first'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from queue" -f -a "retry" -d 'Move dead letters to the end of their channel\'s queue, attempts reset'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from queue" -f -a "drop" -d 'Delete dead letters and their bodies'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from queue" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from status" -l cluster -d 'The cluster\'s NATS servers, comma-separated (nats://HOST:PORT,...)' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from status" -l nats-creds -d 'NATS credentials file (JWT and NKey seed)' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from status" -l nats-token -d 'NATS token' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from status" -l nats-tls-ca -d 'CA certificate (PEM) that signed the NATS servers\' TLS certificates' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from status" -l format -r -f -a "table\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from status" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from status" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from status" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from status" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from status" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Run a public relay that passes requests to connected developers'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Connect to a relay and forward its requests to a local URL (exact bytes)'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from help" -f -a "token" -d 'Manage the relay\'s tokens file'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from help" -f -a "queue" -d 'List the offline queue and its dead letters; retry or drop dead letters'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show a cluster\'s relay nodes, the channels they hold and the queue depths'
complete -c hooks -n "__fish_hooks_using_subcommand relay; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand init" -s p -l provider -d 'Provider or scheme the profile signs and verifies with' -r
complete -c hooks -n "__fish_hooks_using_subcommand init" -l secret -d 'Signing secret to store in the profile' -r
complete -c hooks -n "__fish_hooks_using_subcommand init" -l forward -d 'Where `hooks listen` forwards deliveries: a URL, or a port on localhost' -r
complete -c hooks -n "__fish_hooks_using_subcommand init" -l api-key -d 'API key for the provider\'s management API (stored in the config file, made 0600)' -r
complete -c hooks -n "__fish_hooks_using_subcommand init" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand init" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand init" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand init" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand init" -l generate-secret -d 'Generate a new random secret (whsec_…) instead of --secret'
complete -c hooks -n "__fish_hooks_using_subcommand init" -l force -d 'Replace the profile if it exists'
complete -c hooks -n "__fish_hooks_using_subcommand init" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand init" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand init" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand init" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand init" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand init" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand config; and not __fish_seen_subcommand_from show help" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand config; and not __fish_seen_subcommand_from show help" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand config; and not __fish_seen_subcommand_from show help" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand config; and not __fish_seen_subcommand_from show help" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand config; and not __fish_seen_subcommand_from show help" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand config; and not __fish_seen_subcommand_from show help" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand config; and not __fish_seen_subcommand_from show help" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand config; and not __fish_seen_subcommand_from show help" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand config; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand config; and not __fish_seen_subcommand_from show help" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Print the effective settings and where each came from (flag, env, profile, default); secrets masked'
complete -c hooks -n "__fish_hooks_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand config; and __fish_seen_subcommand_from show" -l format -r -f -a "table\t''
json\t''"
complete -c hooks -n "__fish_hooks_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand config; and __fish_seen_subcommand_from show" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand config; and __fish_seen_subcommand_from show" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand config; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the effective settings and where each came from (flag, env, profile, default); secrets masked'
complete -c hooks -n "__fish_hooks_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand completions" -l color -d 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hooks -n "__fish_hooks_using_subcommand completions" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]' -r -F
complete -c hooks -n "__fish_hooks_using_subcommand completions" -l profile -d 'Profile from the configuration file' -r
complete -c hooks -n "__fish_hooks_using_subcommand completions" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand completions" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
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
complete -c hooks -n "__fish_hooks_using_subcommand man" -l fixtures -d 'Extra fixtures directory (<provider>/<event>.json); repeatable' -r -f -a "(__fish_complete_directories)"
complete -c hooks -n "__fish_hooks_using_subcommand man" -l no-profile -d 'Use no profile of the configuration file for this run: only flags, environment and defaults'
complete -c hooks -n "__fish_hooks_using_subcommand man" -l no-input -d 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)'
complete -c hooks -n "__fish_hooks_using_subcommand man" -s v -l verbose -d 'More diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand man" -s q -l quiet -d 'Fewer diagnostics on stderr'
complete -c hooks -n "__fish_hooks_using_subcommand man" -s h -l help -d 'Print help'
complete -c hooks -n "__fish_hooks_using_subcommand man" -s V -l version -d 'Print version'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "demo" -d 'See it work: a listener, a sample app, four signed events and a forged one'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "listen" -d 'Receive deliveries: verify, print, forward to your app, record'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "send-test" -d 'Send a realistic, correctly signed test event from a fixture'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "replay" -d 'Re-send recorded deliveries or payload files; --watch re-sends files on save'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "deliveries" -d 'List, show and clear recorded deliveries'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "inspect" -d 'Serve the inspector (a local web page with replay) for recorded deliveries'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "fixtures" -d 'List and show the test event fixtures'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "sign" -d 'Print the signature headers for a payload'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "verify" -d 'Verify a payload\'s signature (exit 0 valid, 1 invalid)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "check" -d 'Check your webhook handler: signatures, replays, duplicates, order, timeouts'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "list" -d 'List the provider\'s webhooks (all pages)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "get" -d 'Show one webhook'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "create" -d 'Create a webhook (prompts for what is missing when interactive)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "update" -d 'Change a webhook\'s URL, events or active state'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "delete" -d 'Delete a webhook (asks first unless --yes)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "event-types" -d 'List the event types a webhook can subscribe to'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "logs" -d 'Show a webhook\'s delivery log (awork)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "emulate" -d 'An offline provider: management API, triggered events, delivery with its retries'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "relay" -d 'Run a public relay, or connect to one (`hooks relay serve|connect|token`)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "init" -d 'Create a profile in the config file (asks at a terminal; flags for scripts)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "config" -d 'Show the effective configuration (`hooks config show`)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "man" -d 'Print the man page (roff) of hooks or of one subcommand'
complete -c hooks -n "__fish_hooks_using_subcommand help; and not __fish_seen_subcommand_from demo listen send-test replay deliveries inspect fixtures sign verify check list get create update delete event-types logs emulate relay init config completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from deliveries" -f -a "list" -d 'List recorded deliveries, newest first'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from deliveries" -f -a "show" -d 'Show one delivery: request, verification, forward attempts'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from deliveries" -f -a "clear" -d 'Delete every recorded delivery'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from fixtures" -f -a "list" -d 'List the events that have fixtures'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from fixtures" -f -a "show" -d 'Print an event\'s fixture'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from emulate" -f -a "trigger" -d 'Trigger an event on a running emulator (POST /_emulator/events)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from relay" -f -a "serve" -d 'Run a public relay that passes requests to connected developers'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from relay" -f -a "connect" -d 'Connect to a relay and forward its requests to a local URL (exact bytes)'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from relay" -f -a "token" -d 'Manage the relay\'s tokens file'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from relay" -f -a "queue" -d 'List the offline queue and its dead letters; retry or drop dead letters'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from relay" -f -a "status" -d 'Show a cluster\'s relay nodes, the channels they hold and the queue depths'
complete -c hooks -n "__fish_hooks_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the effective settings and where each came from (flag, env, profile, default); secrets masked'
