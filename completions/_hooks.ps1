
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'hooks' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'hooks'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'hooks' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'See it work: a listener, a sample app, four signed events and a forged one')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive deliveries: verify, print, forward to your app, record')
            [CompletionResult]::new('send-test', 'send-test', [CompletionResultType]::ParameterValue, 'Send a realistic, correctly signed test event from a fixture')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Re-send recorded deliveries or payload files; --watch re-sends files on save')
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'List, show and clear recorded deliveries')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Serve the inspector (a local web page with replay) for recorded deliveries')
            [CompletionResult]::new('fixtures', 'fixtures', [CompletionResultType]::ParameterValue, 'List and show the test event fixtures')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Print the signature headers for a payload')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a payload''s signature (exit 0 valid, 1 invalid)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check your webhook handler: signatures, replays, duplicates, order, timeouts')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the provider''s webhooks (all pages)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one webhook')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a webhook (prompts for what is missing when interactive)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a webhook''s URL, events or active state')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a webhook (asks first unless --yes)')
            [CompletionResult]::new('event-types', 'event-types', [CompletionResultType]::ParameterValue, 'List the event types a webhook can subscribe to')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Show a webhook''s delivery log (awork)')
            [CompletionResult]::new('emulate', 'emulate', [CompletionResultType]::ParameterValue, 'An offline provider: management API, triggered events, delivery with its retries')
            [CompletionResult]::new('relay', 'relay', [CompletionResultType]::ParameterValue, 'Run a public relay, or connect to one (`hooks relay serve|connect|token`)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a profile in the config file (asks at a terminal; flags for scripts)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the effective configuration (`hooks config show`)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff) of hooks or of one subcommand')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hooks;demo' {
            [CompletionResult]::new('--exit-after', '--exit-after', [CompletionResultType]::ParameterName, 'Exit 0 this long after the last event (0s: at once) [default: on Ctrl-C]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;listen' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 to listen on (0 picks a free one)')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address to listen on, e.g. 0.0.0.0:8787 or [::1]:9000')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Only requests under this path are deliveries (others get 404); it is removed before the path is joined to the target''s')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Forward deliveries to this URL, or a port on localhost')
            [CompletionResult]::new('--forward', '--forward', [CompletionResultType]::ParameterName, 'Forward deliveries to this URL, or a port on localhost')
            [CompletionResult]::new('--forward-event', '--forward-event', [CompletionResultType]::ParameterName, 'Forward events matching PATTERN to URL instead; repeatable, first match wins')
            [CompletionResult]::new('--forward-header', '--forward-header', [CompletionResultType]::ParameterName, 'Set this header on every forwarded request, replacing the delivery''s own of that name; repeatable')
            [CompletionResult]::new('--respond', '--respond', [CompletionResultType]::ParameterName, 'With no app to forward to, answer STATUS, with BODY (default {"received":true,"id":N}) after DELAY, e.g. 503,busy,2s')
            [CompletionResult]::new('--respond-event', '--respond-event', [CompletionResultType]::ParameterName, 'With no app to forward to, answer events matching PATTERN so instead; repeatable, first match wins')
            [CompletionResult]::new('--forward-ca', '--forward-ca', [CompletionResultType]::ParameterName, 'For an https app, also trust the certificates in this PEM file (its CA, e.g. mkcert''s rootCA.pem, or its self-signed certificate)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Signing secret; repeat to accept any of several when verifying (rotation)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the signing secret from FILE (one line), off the command line other users can read; with --secret, both are accepted')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'Use another scheme than the provider''s (e.g. --provider webwork --scheme standard)')
            [CompletionResult]::new('--signature-header', '--signature-header', [CompletionResultType]::ParameterName, 'Signature header, for the hmac and header schemes')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'Digest encoding for the hmac scheme: hex or base64')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Only print and forward these event types (glob patterns, comma-separated); others are recorded and answered 200')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Only print and forward deliveries whose header or JSON field matches a glob, e.g. ''header:X-Event=deal.*'' or ''json:data.status=paid''; repeatable, all must match')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--print', '--print', [CompletionResultType]::ParameterName, 'How much of each delivery to print')
            [CompletionResult]::new('--exit-after', '--exit-after', [CompletionResultType]::ParameterName, 'Exit 0 after this many deliveries')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop after this long; exit 1 if --exit-after deliveries had not arrived')
            [CompletionResult]::new('--ready-file', '--ready-file', [CompletionResultType]::ParameterName, 'Once listening, write the listener''s URL to this file (atomically; removed on exit), for scripts to wait on')
            [CompletionResult]::new('--forward-timeout', '--forward-timeout', [CompletionResultType]::ParameterName, 'Give up on the app after this long and answer 504')
            [CompletionResult]::new('--allow-from', '--allow-from', [CompletionResultType]::ParameterName, 'Accept deliveries only from these callers (CIDRs, addresses, or a provider''s published ranges, e.g. workestra); others get 403 and are not forwarded [default: the profile''s allow_from]')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest body accepted; larger gets 413 (and is still recorded)')
            [CompletionResult]::new('--body-idle-timeout', '--body-idle-timeout', [CompletionResultType]::ParameterName, 'Answer 408 and close when no part of a body arrives for this long')
            [CompletionResult]::new('--body-deadline', '--body-deadline', [CompletionResultType]::ParameterName, 'Answer 408 and close when a request''s body is not complete this long after its head')
            [CompletionResult]::new('--trusted-proxies', '--trusted-proxies', [CompletionResultType]::ParameterName, 'Proxies in front of the listener whose X-Forwarded-* are believed, e.g. 10.0.0.0/8,::1')
            [CompletionResult]::new('--retention', '--retention', [CompletionResultType]::ParameterName, 'Keep only the newest N deliveries in the store')
            [CompletionResult]::new('--relay', '--relay', [CompletionResultType]::ParameterName, 'Also receive deliveries through this relay (`hooks relay serve`), e.g. ws://relay.example.com:8788')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Token for the relay (`hooks relay token add`)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the relay token from FILE (one line), off the command line')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Relay channel to claim [default: the one the relay assigned before, else a new one]')
            [CompletionResult]::new('--fail-on-disconnect', '--fail-on-disconnect', [CompletionResultType]::ParameterName, 'Exit with status 3 when disconnected from the relay longer than this')
            [CompletionResult]::new('--relay-heartbeat', '--relay-heartbeat', [CompletionResultType]::ParameterName, 'Heartbeat interval with the relay; silent for 2 intervals counts as gone')
            [CompletionResult]::new('--relay-ca', '--relay-ca', [CompletionResultType]::ParameterName, 'For a wss:// relay, trust only this CA certificate (PEM) instead of the public roots')
            [CompletionResult]::new('--inspect', '--inspect', [CompletionResultType]::ParameterName, 'Serve the inspector web page here [default: 127.0.0.1:4040, skipped with a warning when taken]')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Event the registered webhook subscribes to; repeatable or comma-separated')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'With --register: base URL of the management API [default: the provider''s]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'With --register: API key [default: profile api_key, or the output of profile api_key_cmd]')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'With --register: WebWork API version, 1 or 2 [default: 1]')
            [CompletionResult]::new('--account-email', '--account-email', [CompletionResultType]::ParameterName, 'With --register: account e-mail, the Basic auth user of WebWork API v1')
            [CompletionResult]::new('--workspace-id', '--workspace-id', [CompletionResultType]::ParameterName, 'With --register: workspace id, for WebWork API v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-forward', '--no-forward', [CompletionResultType]::ParameterName, 'Forward nothing this run, even when the profile sets `forward` (deliveries are answered 200)')
            [CompletionResult]::new('--forward-insecure', '--forward-insecure', [CompletionResultType]::ParameterName, 'For an https app, accept any certificate (encrypted, but the app is not authenticated)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Print secret header values (Authorization, Cookie, *-token, ...) instead of masking them')
            [CompletionResult]::new('--forward-invalid', '--forward-invalid', [CompletionResultType]::ParameterName, 'Forward deliveries whose signature is invalid (they are still marked)')
            [CompletionResult]::new('--no-record', '--no-record', [CompletionResultType]::ParameterName, 'Do not record deliveries in the store')
            [CompletionResult]::new('--print-secret', '--print-secret', [CompletionResultType]::ParameterName, 'Print the secret deliveries are verified with, and exit')
            [CompletionResult]::new('--no-inspect', '--no-inspect', [CompletionResultType]::ParameterName, 'Do not serve the inspector')
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, 'Create the provider''s webhook for the relay''s public URL on start and delete it on exit (needs --relay, --provider, --event)')
            [CompletionResult]::new('--allow-unknown-event', '--allow-unknown-event', [CompletionResultType]::ParameterName, 'With --register: accept events that are not in the provider''s catalog')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;send-test' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where to POST the delivery [default: http://127.0.0.1:8787/]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Signing secret; repeat to accept any of several when verifying (rotation)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the signing secret from FILE (one line), off the command line other users can read; with --secret, both are accepted')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'Use another scheme than the provider''s (e.g. --provider webwork --scheme standard)')
            [CompletionResult]::new('--signature-header', '--signature-header', [CompletionResultType]::ParameterName, 'Signature header, for the hmac and header schemes')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'Digest encoding for the hmac scheme: hex or base64')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Override a value in the payload: dotted path, JSON value or string; repeatable')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'The event''s data as JSON, or @FILE; replaces the fixture''s data')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Extra request header; repeatable')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra request header; repeatable')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'Expected response status: 2xx (any success), a class like 4xx, or an exact code')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: pretty lines or one JSON object per line')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting for the response after this long')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry while the target refuses the connection (a listener still starting), up to this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;replay' {
            [CompletionResult]::new('--last', '--last', [CompletionResultType]::ParameterName, 'Replay the newest N recorded deliveries, oldest first')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where to send [default: the profile''s `to`, else http://127.0.0.1:8787/]')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'Send recorded deliveries with this method instead')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Send recorded deliveries to this path and query instead (e.g. /hooks?x=1)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Set this header on recorded deliveries, replacing theirs of that name; repeatable')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Set this header on recorded deliveries, replacing theirs of that name; repeatable')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Send recorded deliveries with this body instead (a file, or - for stdin); Content-Length follows; add --resign to sign it')
            [CompletionResult]::new('--forward-ca', '--forward-ca', [CompletionResultType]::ParameterName, 'For an https --to, also trust the certificates in this PEM file (its CA, e.g. mkcert''s rootCA.pem)')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Send each file in DIR whenever it is saved, until Ctrl-C')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Signing secret; repeat to accept any of several when verifying (rotation)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the signing secret from FILE (one line), off the command line other users can read; with --secret, both are accepted')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'Use another scheme than the provider''s (e.g. --provider webwork --scheme standard)')
            [CompletionResult]::new('--signature-header', '--signature-header', [CompletionResultType]::ParameterName, 'Signature header, for the hmac and header schemes')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'Digest encoding for the hmac scheme: hex or base64')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting for each response after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--resign', '--resign', [CompletionResultType]::ParameterName, 'Re-sign recorded deliveries with a fresh timestamp (and the current secret)')
            [CompletionResult]::new('--forward-insecure', '--forward-insecure', [CompletionResultType]::ParameterName, 'For an https --to, accept any certificate (encrypted, but the app is not authenticated)')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;deliveries' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List recorded deliveries, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one delivery: request, verification, forward attempts')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Delete every recorded delivery')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hooks;deliveries;list' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'limit')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only deliveries with an event matching this glob pattern')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;deliveries;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Also print the request body')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secret header values (Authorization, Cookie, *-token, ...) instead of masking them')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;deliveries;clear' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;deliveries;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List recorded deliveries, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one delivery: request, verification, forward attempts')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Delete every recorded delivery')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hooks;deliveries;help;list' {
            break
        }
        'hooks;deliveries;help;show' {
            break
        }
        'hooks;deliveries;help;clear' {
            break
        }
        'hooks;deliveries;help;help' {
            break
        }
        'hooks;inspect' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 to serve the inspector on (0 picks a free one)')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address to serve on, e.g. 127.0.0.1:4041 (other than loopback exposes replay)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Where replays are forwarded [default: the profile''s `forward`; none: replays are only recorded]')
            [CompletionResult]::new('--forward', '--forward', [CompletionResultType]::ParameterName, 'Where replays are forwarded [default: the profile''s `forward`; none: replays are only recorded]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Signing secret; repeat to accept any of several when verifying (rotation)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the signing secret from FILE (one line), off the command line other users can read; with --secret, both are accepted')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'Use another scheme than the provider''s (e.g. --provider webwork --scheme standard)')
            [CompletionResult]::new('--signature-header', '--signature-header', [CompletionResultType]::ParameterName, 'Signature header, for the hmac and header schemes')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'Digest encoding for the hmac scheme: hex or base64')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]')
            [CompletionResult]::new('--forward-timeout', '--forward-timeout', [CompletionResultType]::ParameterName, 'Give up on the app after this long and record a 504')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;fixtures' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the events that have fixtures')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print an event''s fixture')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hooks;fixtures;list' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'p')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'provider')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;fixtures;show' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'p')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'provider')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;fixtures;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the events that have fixtures')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print an event''s fixture')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hooks;fixtures;help;list' {
            break
        }
        'hooks;fixtures;help;show' {
            break
        }
        'hooks;fixtures;help;help' {
            break
        }
        'hooks;sign' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Signing secret; repeat to accept any of several when verifying (rotation)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the signing secret from FILE (one line), off the command line other users can read; with --secret, both are accepted')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'Use another scheme than the provider''s (e.g. --provider webwork --scheme standard)')
            [CompletionResult]::new('--signature-header', '--signature-header', [CompletionResultType]::ParameterName, 'Signature header, for the hmac and header schemes')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'Digest encoding for the hmac scheme: hex or base64')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Message id for schemes that sign one (standard) [default: a fresh msg_ id]')
            [CompletionResult]::new('--timestamp', '--timestamp', [CompletionResultType]::ParameterName, 'Unix timestamp for timestamped schemes [default: now]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;verify' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Signing secret; repeat to accept any of several when verifying (rotation)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the signing secret from FILE (one line), off the command line other users can read; with --secret, both are accepted')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'Use another scheme than the provider''s (e.g. --provider webwork --scheme standard)')
            [CompletionResult]::new('--signature-header', '--signature-header', [CompletionResultType]::ParameterName, 'Signature header, for the hmac and header schemes')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'Digest encoding for the hmac scheme: hex or base64')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A header of the delivery, as received; repeatable')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A header of the delivery, as received; repeatable')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;check' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Your webhook handler''s URL (or port on localhost) [default: the profile''s `to`]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Signing secret; repeat to accept any of several when verifying (rotation)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the signing secret from FILE (one line), off the command line other users can read; with --secret, both are accepted')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'Use another scheme than the provider''s (e.g. --provider webwork --scheme standard)')
            [CompletionResult]::new('--signature-header', '--signature-header', [CompletionResultType]::ParameterName, 'Signature header, for the hmac and header schemes')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'Digest encoding for the hmac scheme: hex or base64')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Events to send, comma-separated [default: every fixture of the provider]')
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Run only these cases, comma-separated')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Leave out these cases, comma-separated (the ids of --only)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'The longest an answer may take [default: the provider''s timeout, e.g. 30s for awork]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'One line per case, or one JSON object per case')
            [CompletionResult]::new('--junit', '--junit', [CompletionResultType]::ParameterName, 'Also write the verdicts as JUnit XML to FILE, for CI')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;list' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider''s]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [default: profile api_key, or the output of profile api_key_cmd]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from FILE (one line), off the command line')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]')
            [CompletionResult]::new('--account-email', '--account-email', [CompletionResultType]::ParameterName, 'Account e-mail, the Basic auth user of WebWork API v1')
            [CompletionResult]::new('--workspace-id', '--workspace-id', [CompletionResultType]::ParameterName, 'Workspace id, for WebWork API v2')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: an aligned table or one JSON object per line')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;get' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider''s]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [default: profile api_key, or the output of profile api_key_cmd]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from FILE (one line), off the command line')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]')
            [CompletionResult]::new('--account-email', '--account-email', [CompletionResultType]::ParameterName, 'Account e-mail, the Basic auth user of WebWork API v1')
            [CompletionResult]::new('--workspace-id', '--workspace-id', [CompletionResultType]::ParameterName, 'Workspace id, for WebWork API v2')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: an aligned table or one JSON object per line')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;create' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Where the provider should deliver')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Event to subscribe to; repeatable or comma-separated')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Event to subscribe to; repeatable or comma-separated')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Webhook name (awork) [default: hooks]')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Header the provider sends with every delivery, for awork''s header authentication')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider''s]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [default: profile api_key, or the output of profile api_key_cmd]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from FILE (one line), off the command line')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]')
            [CompletionResult]::new('--account-email', '--account-email', [CompletionResultType]::ParameterName, 'Account e-mail, the Basic auth user of WebWork API v1')
            [CompletionResult]::new('--workspace-id', '--workspace-id', [CompletionResultType]::ParameterName, 'Workspace id, for WebWork API v2')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: an aligned table or one JSON object per line')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--allow-unknown-event', '--allow-unknown-event', [CompletionResultType]::ParameterName, 'Accept events that are not in the provider''s catalog')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;update' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'New delivery URL')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Replace the events with these; repeatable or comma-separated')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Replace the events with these; repeatable or comma-separated')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider''s]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [default: profile api_key, or the output of profile api_key_cmd]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from FILE (one line), off the command line')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]')
            [CompletionResult]::new('--account-email', '--account-email', [CompletionResultType]::ParameterName, 'Account e-mail, the Basic auth user of WebWork API v1')
            [CompletionResult]::new('--workspace-id', '--workspace-id', [CompletionResultType]::ParameterName, 'Workspace id, for WebWork API v2')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: an aligned table or one JSON object per line')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--allow-unknown-event', '--allow-unknown-event', [CompletionResultType]::ParameterName, 'Accept events that are not in the provider''s catalog')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Turn deliveries on (awork)')
            [CompletionResult]::new('--inactive', '--inactive', [CompletionResultType]::ParameterName, 'Turn deliveries off (awork)')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;delete' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider''s]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [default: profile api_key, or the output of profile api_key_cmd]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from FILE (one line), off the command line')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]')
            [CompletionResult]::new('--account-email', '--account-email', [CompletionResultType]::ParameterName, 'Account e-mail, the Basic auth user of WebWork API v1')
            [CompletionResult]::new('--workspace-id', '--workspace-id', [CompletionResultType]::ParameterName, 'Workspace id, for WebWork API v2')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: an aligned table or one JSON object per line')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete without asking')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;event-types' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider''s]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [default: profile api_key, or the output of profile api_key_cmd]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from FILE (one line), off the command line')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]')
            [CompletionResult]::new('--account-email', '--account-email', [CompletionResultType]::ParameterName, 'Account e-mail, the Basic auth user of WebWork API v1')
            [CompletionResult]::new('--workspace-id', '--workspace-id', [CompletionResultType]::ParameterName, 'Workspace id, for WebWork API v2')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: an aligned table or one JSON object per line')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;logs' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Provider whose webhooks to manage (webwork, awork; any provider against `hooks emulate`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the management API (self-hosted, tests, `hooks emulate`; http://127.0.0.1:PORT/_emulator for its own API) [default: the provider''s]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [default: profile api_key, or the output of profile api_key_cmd]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from FILE (one line), off the command line')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'API version, for WebWork: 1 (Basic auth) or 2 (Bearer, workspaces) [default: 1]')
            [CompletionResult]::new('--account-email', '--account-email', [CompletionResultType]::ParameterName, 'Account e-mail, the Basic auth user of WebWork API v1')
            [CompletionResult]::new('--workspace-id', '--workspace-id', [CompletionResultType]::ParameterName, 'Workspace id, for WebWork API v2')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: an aligned table or one JSON object per line')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;emulate' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Provider (workestra, wheniwork, webwork, awork) or generic scheme (standard, github, stripe, shopify, slack, hmac, header, none)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Signing secret; repeat to accept any of several when verifying (rotation)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the signing secret from FILE (one line), off the command line other users can read; with --secret, both are accepted')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'Use another scheme than the provider''s (e.g. --provider webwork --scheme standard)')
            [CompletionResult]::new('--signature-header', '--signature-header', [CompletionResultType]::ParameterName, 'Signature header, for the hmac and header schemes')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Text before the digest in the signature header, for the hmac scheme (e.g. sha256=)')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'Digest encoding for the hmac scheme: hex or base64')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'Accepted clock difference for timestamped schemes, in seconds, both directions [default: 300]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 (0 picks a free one; the bound address is printed)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where the emulator keeps its state [default: $HOOKS_DATA_DIR/emulator/<provider>]')
            [CompletionResult]::new('--time-scale', '--time-scale', [CompletionResultType]::ParameterName, 'Multiply every provider delay, batch window and timeout by F (e.g. 0.01 in tests)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key the management API accepts [default: the profile''s api_key, else one generated in the data dir]')
            [CompletionResult]::new('--duplicate-rate', '--duplicate-rate', [CompletionResultType]::ParameterName, 'Chance (0 to 1) that a delivered attempt is sent a second time')
            [CompletionResult]::new('--delay', '--delay', [CompletionResultType]::ParameterName, 'Wait this long before every attempt (not scaled)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Attempt lines as pretty text or one JSON object per line')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--reorder', '--reorder', [CompletionResultType]::ParameterName, 'Deliver out of order: shuffle events within a batch, spread first attempts')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Trigger an event on a running emulator (POST /_emulator/events)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hooks;emulate;trigger' {
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Override a value in the payload: dotted path, JSON value or string; repeatable')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'The event''s data as JSON, or @FILE; replaces the fixture''s data')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'How many events to trigger')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The running emulator [default: http://127.0.0.1:8790]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'The emulator''s API key [default: the profile''s api_key, else the keys emulators generated in the data dir]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the emulator''s API key from FILE (one line), e.g. the api-key file it generated')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;emulate;help' {
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Trigger an event on a running emulator (POST /_emulator/events)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hooks;emulate;help;trigger' {
            break
        }
        'hooks;emulate;help;help' {
            break
        }
        'hooks;relay' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a public relay that passes requests to connected developers')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Connect to a relay and forward its requests to a local URL (exact bytes)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Manage the relay''s tokens file')
            [CompletionResult]::new('queue', 'queue', [CompletionResultType]::ParameterValue, 'List the offline queue and its dead letters; retry or drop dead letters')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show a cluster''s relay nodes, the channels they hold and the queue depths')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hooks;relay;serve' {
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address to listen on; without --tokens only a loopback address is allowed')
            [CompletionResult]::new('--admin-bind', '--admin-bind', [CompletionResultType]::ParameterName, 'Address for GET /metrics (never the public port: it names channels) [default: 127.0.0.1:8789]')
            [CompletionResult]::new('--public-url', '--public-url', [CompletionResultType]::ParameterName, 'The relay''s public base URL, used in the URLs it hands out [default: http://ADDR]')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'Also route <channel>.DOMAIN to the channel (needs a wildcard DNS record)')
            [CompletionResult]::new('--tokens', '--tokens', [CompletionResultType]::ParameterName, 'Tokens file (`NAME sha256:HEX` lines); required on a non-loopback address')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where the channel registry and offline queue live [default: DATA_DIR/relay]')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest request body accepted, e.g. 25MiB, 1MB, 4096')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Answer 504 when the developer''s machine has not answered this long after the request')
            [CompletionResult]::new('--body-idle-timeout', '--body-idle-timeout', [CompletionResultType]::ParameterName, 'Answer 408 when a public request body pauses this long')
            [CompletionResult]::new('--body-deadline', '--body-deadline', [CompletionResultType]::ParameterName, 'Answer 408 when a public request body is not complete this long after its head')
            [CompletionResult]::new('--trusted-proxies', '--trusted-proxies', [CompletionResultType]::ParameterName, 'Proxies in front of the relay whose X-Forwarded-* are believed, e.g. 10.0.0.0/8,::1')
            [CompletionResult]::new('--allow-from', '--allow-from', [CompletionResultType]::ParameterName, 'Answer public requests from other addresses with 403 (CIDRs, or a provider with published ranges: workestra)')
            [CompletionResult]::new('--queue-limit', '--queue-limit', [CompletionResultType]::ParameterName, 'Most requests kept per offline channel; more are refused with 507')
            [CompletionResult]::new('--queue-ttl', '--queue-ttl', [CompletionResultType]::ParameterName, 'Queued requests older than this are dropped (dead letters are kept)')
            [CompletionResult]::new('--queue-max-attempts', '--queue-max-attempts', [CompletionResultType]::ParameterName, 'Failed deliveries after which a queued request becomes a dead letter')
            [CompletionResult]::new('--queue-max-bytes', '--queue-max-bytes', [CompletionResultType]::ParameterName, 'Body bytes stored per channel (queued and dead letters); more are refused with 507')
            [CompletionResult]::new('--queue-max-total-bytes', '--queue-max-total-bytes', [CompletionResultType]::ParameterName, 'Body bytes stored for all channels together; more are refused with 507')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'What to do with a request for a channel whose client is not connected')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Requests per second a channel may receive (burst the same); 0 for no limit')
            [CompletionResult]::new('--max-streams', '--max-streams', [CompletionResultType]::ParameterName, 'Concurrent requests in flight on one client connection')
            [CompletionResult]::new('--max-connections-per-token', '--max-connections-per-token', [CompletionResultType]::ParameterName, 'Open connections allowed per token')
            [CompletionResult]::new('--max-channels-per-token', '--max-channels-per-token', [CompletionResultType]::ParameterName, 'Channels one token may claim, all time (claims are kept); with --tokens, on a single node')
            [CompletionResult]::new('--heartbeat', '--heartbeat', [CompletionResultType]::ParameterName, 'Heartbeat interval; a client silent for 2 intervals is dropped (pings go every half interval)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Serve HTTPS and wss with this certificate chain (PEM)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The private key (PEM) for --tls-cert')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Run as one node of a cluster: NATS servers with JetStream, comma-separated (nats://HOST:PORT,...)')
            [CompletionResult]::new('--node-id', '--node-id', [CompletionResultType]::ParameterName, 'This node''s name in the cluster [default: the hostname and a short random suffix]')
            [CompletionResult]::new('--nats-creds', '--nats-creds', [CompletionResultType]::ParameterName, 'NATS credentials file (JWT and NKey seed)')
            [CompletionResult]::new('--nats-token', '--nats-token', [CompletionResultType]::ParameterName, 'NATS token')
            [CompletionResult]::new('--nats-tls-ca', '--nats-tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the NATS servers'' TLS certificates')
            [CompletionResult]::new('--nats-replicas', '--nats-replicas', [CompletionResultType]::ParameterName, 'Copies of the cluster''s buckets and queue [default: 3 on a NATS cluster, 1 on one server]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;relay;connect' {
            [CompletionResult]::new('--relay', '--relay', [CompletionResultType]::ParameterName, 'The relay, e.g. ws://relay.example.com:8788')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Token from the relay''s admin (`hooks relay token add`)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from FILE (one line), off the command line')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Channel name to claim [default: the one the relay assigned before, else a new one]')
            [CompletionResult]::new('--forward', '--forward', [CompletionResultType]::ParameterName, 'Local URL or port that receives the requests')
            [CompletionResult]::new('--fail-on-disconnect', '--fail-on-disconnect', [CompletionResultType]::ParameterName, 'Exit with status 3 when disconnected from the relay longer than this')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the local app after this long (the relay answers 504)')
            [CompletionResult]::new('--heartbeat', '--heartbeat', [CompletionResultType]::ParameterName, 'Heartbeat interval; a relay silent for 2 intervals counts as gone')
            [CompletionResult]::new('--relay-ca', '--relay-ca', [CompletionResultType]::ParameterName, 'For a wss:// relay, trust only this CA certificate (PEM) instead of the public roots')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;relay;token' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a token, append its hash to the tokens file, print the token once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hooks;relay;token;add' {
            [CompletionResult]::new('--tokens', '--tokens', [CompletionResultType]::ParameterName, 'tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;relay;token;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a token, append its hash to the tokens file, print the token once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hooks;relay;token;help;add' {
            break
        }
        'hooks;relay;token;help;help' {
            break
        }
        'hooks;relay;queue' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List queued requests and dead letters, per channel, oldest first')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Move dead letters to the end of their channel''s queue, attempts reset')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Delete dead letters and their bodies')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hooks;relay;queue;list' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'The relay''s data dir, as given to `hooks relay serve` [default: DATA_DIR/relay]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'A cluster''s queue in JetStream instead: its NATS servers (nats://HOST:PORT,...)')
            [CompletionResult]::new('--nats-creds', '--nats-creds', [CompletionResultType]::ParameterName, 'NATS credentials file (JWT and NKey seed)')
            [CompletionResult]::new('--nats-token', '--nats-token', [CompletionResultType]::ParameterName, 'NATS token')
            [CompletionResult]::new('--nats-tls-ca', '--nats-tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the NATS servers'' TLS certificates')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Only this channel''s requests')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--dead', '--dead', [CompletionResultType]::ParameterName, 'Only dead letters')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;relay;queue;retry' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'The relay''s data dir, as given to `hooks relay serve` [default: DATA_DIR/relay]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'A cluster''s queue in JetStream instead: its NATS servers (nats://HOST:PORT,...)')
            [CompletionResult]::new('--nats-creds', '--nats-creds', [CompletionResultType]::ParameterName, 'NATS credentials file (JWT and NKey seed)')
            [CompletionResult]::new('--nats-token', '--nats-token', [CompletionResultType]::ParameterName, 'NATS token')
            [CompletionResult]::new('--nats-tls-ca', '--nats-tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the NATS servers'' TLS certificates')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Only this channel''s requests')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every dead letter (of --channel, if given)')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;relay;queue;drop' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'The relay''s data dir, as given to `hooks relay serve` [default: DATA_DIR/relay]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'A cluster''s queue in JetStream instead: its NATS servers (nats://HOST:PORT,...)')
            [CompletionResult]::new('--nats-creds', '--nats-creds', [CompletionResultType]::ParameterName, 'NATS credentials file (JWT and NKey seed)')
            [CompletionResult]::new('--nats-token', '--nats-token', [CompletionResultType]::ParameterName, 'NATS token')
            [CompletionResult]::new('--nats-tls-ca', '--nats-tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the NATS servers'' TLS certificates')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Only this channel''s requests')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every dead letter (of --channel, if given); needs --yes')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Confirm --all')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm --all')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;relay;queue;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List queued requests and dead letters, per channel, oldest first')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Move dead letters to the end of their channel''s queue, attempts reset')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Delete dead letters and their bodies')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hooks;relay;queue;help;list' {
            break
        }
        'hooks;relay;queue;help;retry' {
            break
        }
        'hooks;relay;queue;help;drop' {
            break
        }
        'hooks;relay;queue;help;help' {
            break
        }
        'hooks;relay;status' {
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The cluster''s NATS servers, comma-separated (nats://HOST:PORT,...)')
            [CompletionResult]::new('--nats-creds', '--nats-creds', [CompletionResultType]::ParameterName, 'NATS credentials file (JWT and NKey seed)')
            [CompletionResult]::new('--nats-token', '--nats-token', [CompletionResultType]::ParameterName, 'NATS token')
            [CompletionResult]::new('--nats-tls-ca', '--nats-tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the NATS servers'' TLS certificates')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;relay;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a public relay that passes requests to connected developers')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Connect to a relay and forward its requests to a local URL (exact bytes)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Manage the relay''s tokens file')
            [CompletionResult]::new('queue', 'queue', [CompletionResultType]::ParameterValue, 'List the offline queue and its dead letters; retry or drop dead letters')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show a cluster''s relay nodes, the channels they hold and the queue depths')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hooks;relay;help;serve' {
            break
        }
        'hooks;relay;help;connect' {
            break
        }
        'hooks;relay;help;token' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a token, append its hash to the tokens file, print the token once')
            break
        }
        'hooks;relay;help;token;add' {
            break
        }
        'hooks;relay;help;queue' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List queued requests and dead letters, per channel, oldest first')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Move dead letters to the end of their channel''s queue, attempts reset')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Delete dead letters and their bodies')
            break
        }
        'hooks;relay;help;queue;list' {
            break
        }
        'hooks;relay;help;queue;retry' {
            break
        }
        'hooks;relay;help;queue;drop' {
            break
        }
        'hooks;relay;help;status' {
            break
        }
        'hooks;relay;help;help' {
            break
        }
        'hooks;init' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Provider or scheme the profile signs and verifies with')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Provider or scheme the profile signs and verifies with')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Signing secret to store in the profile')
            [CompletionResult]::new('--forward', '--forward', [CompletionResultType]::ParameterName, 'Where `hooks listen` forwards deliveries: a URL, or a port on localhost')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key for the provider''s management API (stored in the config file, made 0600)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--generate-secret', '--generate-secret', [CompletionResultType]::ParameterName, 'Generate a new random secret (whsec_…) instead of --secret')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the profile if it exists')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;config' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective settings and where each came from (flag, env, profile, default); secrets masked')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hooks;config;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective settings and where each came from (flag, env, profile, default); secrets masked')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hooks;config;help;show' {
            break
        }
        'hooks;config;help;help' {
            break
        }
        'hooks;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;man' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: auto follows the terminal, NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/hooks/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the configuration file')
            [CompletionResult]::new('--fixtures', '--fixtures', [CompletionResultType]::ParameterName, 'Extra fixtures directory (<provider>/<event>.json); repeatable')
            [CompletionResult]::new('--no-profile', '--no-profile', [CompletionResultType]::ParameterName, 'Use no profile of the configuration file for this run: only flags, environment and defaults')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail naming the missing flag instead (also when CI is set or there is no terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Fewer diagnostics on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hooks;help' {
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'See it work: a listener, a sample app, four signed events and a forged one')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive deliveries: verify, print, forward to your app, record')
            [CompletionResult]::new('send-test', 'send-test', [CompletionResultType]::ParameterValue, 'Send a realistic, correctly signed test event from a fixture')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Re-send recorded deliveries or payload files; --watch re-sends files on save')
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'List, show and clear recorded deliveries')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Serve the inspector (a local web page with replay) for recorded deliveries')
            [CompletionResult]::new('fixtures', 'fixtures', [CompletionResultType]::ParameterValue, 'List and show the test event fixtures')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Print the signature headers for a payload')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a payload''s signature (exit 0 valid, 1 invalid)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check your webhook handler: signatures, replays, duplicates, order, timeouts')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the provider''s webhooks (all pages)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one webhook')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a webhook (prompts for what is missing when interactive)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a webhook''s URL, events or active state')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a webhook (asks first unless --yes)')
            [CompletionResult]::new('event-types', 'event-types', [CompletionResultType]::ParameterValue, 'List the event types a webhook can subscribe to')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Show a webhook''s delivery log (awork)')
            [CompletionResult]::new('emulate', 'emulate', [CompletionResultType]::ParameterValue, 'An offline provider: management API, triggered events, delivery with its retries')
            [CompletionResult]::new('relay', 'relay', [CompletionResultType]::ParameterValue, 'Run a public relay, or connect to one (`hooks relay serve|connect|token`)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a profile in the config file (asks at a terminal; flags for scripts)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the effective configuration (`hooks config show`)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff) of hooks or of one subcommand')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hooks;help;demo' {
            break
        }
        'hooks;help;listen' {
            break
        }
        'hooks;help;send-test' {
            break
        }
        'hooks;help;replay' {
            break
        }
        'hooks;help;deliveries' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List recorded deliveries, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one delivery: request, verification, forward attempts')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Delete every recorded delivery')
            break
        }
        'hooks;help;deliveries;list' {
            break
        }
        'hooks;help;deliveries;show' {
            break
        }
        'hooks;help;deliveries;clear' {
            break
        }
        'hooks;help;inspect' {
            break
        }
        'hooks;help;fixtures' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the events that have fixtures')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print an event''s fixture')
            break
        }
        'hooks;help;fixtures;list' {
            break
        }
        'hooks;help;fixtures;show' {
            break
        }
        'hooks;help;sign' {
            break
        }
        'hooks;help;verify' {
            break
        }
        'hooks;help;check' {
            break
        }
        'hooks;help;list' {
            break
        }
        'hooks;help;get' {
            break
        }
        'hooks;help;create' {
            break
        }
        'hooks;help;update' {
            break
        }
        'hooks;help;delete' {
            break
        }
        'hooks;help;event-types' {
            break
        }
        'hooks;help;logs' {
            break
        }
        'hooks;help;emulate' {
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Trigger an event on a running emulator (POST /_emulator/events)')
            break
        }
        'hooks;help;emulate;trigger' {
            break
        }
        'hooks;help;relay' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a public relay that passes requests to connected developers')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Connect to a relay and forward its requests to a local URL (exact bytes)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Manage the relay''s tokens file')
            [CompletionResult]::new('queue', 'queue', [CompletionResultType]::ParameterValue, 'List the offline queue and its dead letters; retry or drop dead letters')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show a cluster''s relay nodes, the channels they hold and the queue depths')
            break
        }
        'hooks;help;relay;serve' {
            break
        }
        'hooks;help;relay;connect' {
            break
        }
        'hooks;help;relay;token' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a token, append its hash to the tokens file, print the token once')
            break
        }
        'hooks;help;relay;token;add' {
            break
        }
        'hooks;help;relay;queue' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List queued requests and dead letters, per channel, oldest first')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Move dead letters to the end of their channel''s queue, attempts reset')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Delete dead letters and their bodies')
            break
        }
        'hooks;help;relay;queue;list' {
            break
        }
        'hooks;help;relay;queue;retry' {
            break
        }
        'hooks;help;relay;queue;drop' {
            break
        }
        'hooks;help;relay;status' {
            break
        }
        'hooks;help;init' {
            break
        }
        'hooks;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective settings and where each came from (flag, env, profile, default); secrets masked')
            break
        }
        'hooks;help;config;show' {
            break
        }
        'hooks;help;completions' {
            break
        }
        'hooks;help;man' {
            break
        }
        'hooks;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
