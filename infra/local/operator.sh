# ./bazaar demo, dead-letters and logs: a small client of the running services' APIs (curl and jq) and the merged log
# of one order. Sourced by ./bazaar.

api() { # api METHOD SERVICE PATH [TOKEN] [JSON]: prints the body, fails on HTTP >= 400
    local method=$1 svc=$2 path=$3 token=${4:-} body=${5:-}
    local args=(-sS -X "$method" -H 'Content-Type: application/json' --fail-with-body)
    [[ -n $token ]] && args+=(-H "Authorization: Bearer $token")
    [[ -n $body ]] && args+=(-d "$body")
    curl "${args[@]}" "http://127.0.0.1:$(port_of "$svc")$path"
}

cmd_demo() {
    command -v jq >/dev/null || die "the demo needs jq (apt-get install jq)"
    local admin customer email product order status i
    admin=$(api POST user /auth/login "" "{\"email\":\"${BAZAAR_ADMIN_EMAIL:-admin@bazaar.local}\",\"password\":\"$(secret admin-password)\"}" | jq -r .accessToken)
    product=$(api POST catalog /products "$admin" "{\"sku\":\"DEMO-$RANDOM$RANDOM\",\"name\":\"Enamel mug\",\"price\":12.50,\"initialStock\":10}" | jq -r .id)
    log "admin created product $product (12.50, stock 10)"
    email="demo-$RANDOM$RANDOM@example.com"
    customer=$(api POST user /users "" "{\"email\":\"$email\",\"name\":\"Demo Customer\",\"password\":\"demo-password\"}" | jq -r .id)
    api POST user "/users/$customer/credit/top-ups" "$admin" '{"amount":100.00}' >/dev/null
    customer=$(api POST user /auth/login "" "{\"email\":\"$email\",\"password\":\"demo-password\"}" | jq -r .accessToken)
    log "customer $email signed up, topped up with 100.00 and logged in"
    for i in $(seq 1 50); do # cart learns the product from catalog's product.created event
        api PUT cart "/carts/me/items/$product" "$customer" '{"quantity":2}' >/dev/null 2>&1 && break
        sleep 0.2
    done
    order=$(api POST cart /carts/me/checkout "$customer" | jq -r .orderId)
    log "checked out: order $order"
    for i in $(seq 1 100); do
        status=$(api GET ordering "/orders/$order" "$customer" 2>/dev/null | jq -r .status || true)
        [[ $status == CONFIRMED || $status == REJECTED || $status == CANCELLED ]] && break
        sleep 0.2
    done
    api GET ordering "/orders/$order" "$customer" | jq '{id, status, total, rejectionReason, steps: [.steps[] | "\(.at)  \(.step)"]}'
}

cmd_dead_letters() { # dead-letters SERVICE [replay|discard [MESSAGE_ID]], through the service's admin API
    local svc=${1:-} action=${2:-list} id=${3:-} admin queue method path out count total=0
    [[ -n $svc && -n ${TOPOLOGY[$svc.port]:-} ]] || die "usage: ./bazaar dead-letters SERVICE [replay|discard [MESSAGE_ID]]"
    command -v jq >/dev/null || die "dead-letters needs jq (apt-get install jq)"
    admin=$(api POST user /auth/login "" "{\"email\":\"${BAZAAR_ADMIN_EMAIL:-admin@bazaar.local}\",\"password\":\"$(secret admin-password)\"}" | jq -r .accessToken)
    if [[ $action == list ]]; then
        api GET "$svc" /admin/dead-letters "$admin" | jq -r '.[] | "\(.queue): \(.depth) dead letter(s) in \(.deadLetterQueue)",
            (.messages[] | "  \(.messageId)  \(.type // "-")  x\(.count)  first seen \(.firstSeen // "-")  correlation \(.correlationId // "-")\n    reason: \(.reason)\n    \(.payloadExcerpt)")'
        return
    fi
    [[ $action == replay || $action == discard ]] || die "unknown action $action (replay or discard)"
    for queue in $(api GET "$svc" "/admin/dead-letters?limit=1" "$admin" | jq -r '.[].queue'); do
        if [[ $action == replay ]]; then method=POST path="/admin/dead-letters/$queue/replay${id:+/$id}"
        else method=DELETE path="/admin/dead-letters/$queue${id:+/$id}"; fi
        if ! out=$(api "$method" "$svc" "$path" "$admin" 2>/dev/null); then
            # with an id, the queues that do not hold it answer 404
            [[ -n $id ]] && jq -e '.status == 404' <<<"$out" >/dev/null 2>&1 && continue
            die "$method $path failed: $out"
        fi
        count=$(jq -r ".${action}ed" <<<"$out")
        echo "$queue: ${action}ed $count"
        total=$((total + count))
    done
    [[ -z $id || $total -gt 0 ]] || die "no dead letter with message id $id in $svc"
}

# ./bazaar logs S follows service S's log; ./bazaar logs ORDER_ID prints every line that names the order (its orderId
# in the MDC, or the id in the message) from the four services' JSON logs, merged by timestamp, each with its service.
cmd_logs() {
    local target=${1:?a service name or an order id} dir=${BAZAAR_LOG_DIR:-$STATE/logs} svc
    if [[ ! $target =~ ^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$ ]]; then
        exec tail -F "$dir/$target.log"
    fi
    for svc in "${SERVICES[@]}"; do
        [[ -f $dir/$svc.log ]] || continue
        # each JSON line that names the order, behind a sort key: its timestamp with the fraction padded to 9 digits
        { grep -F -i -- "$target" "$dir/$svc.log" || true; } | awk -v svc="$svc" '
            match($0, /"timestamp":"[^"]+"/) {
                ts = substr($0, RSTART + 13, RLENGTH - 14)
                key = ts
                if (match(ts, /\.[0-9]+/)) {
                    fraction = substr(ts, RSTART + 1, RLENGTH - 1)
                    while (length(fraction) < 9) fraction = fraction "0"
                    key = substr(ts, 1, RSTART) fraction
                }
                print key " " svc " | " $0
            }'
    done | sort -s -k1,1 | cut -d' ' -f2-
}
