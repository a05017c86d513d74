#!/usr/bin/env bash
# The measures over real HTTP (issue 10): a department sees only its measures and its parts of them, a town only
# its own town, statuses are recorded (audited) and counted in the coverage, exports hold the whole list, and the
# changes of a publication say who gained or lost which measure. The figures are counted independently with sqlite3.
set -u
g=$1
. "$(dirname "$0")/lib.sh"
api_init
api_district 7 1500
"$g" run --year 2024 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null 2>&1 || fail "run/publish 2024"
"$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 2 > /dev/null 2>&1 || fail "run/publish 2025"
q() { dbq "$1"; }
api_user clerk clerk
api_user reviewer reviewer
api_user bank bank --bank 测试银行
api_user hr department --department 区人力社保局
api_user ndrc department --department 区发展改革委
api_user town town --town 黄村镇
api_serve
for r in clerk reviewer bank hr ndrc town; do login "$r"; done
get() { code -b "$tmp/$1.jar" "$base$2"; }
post() { code -b "$tmp/$1.jar" -H "X-CSRF-Token: $(cat "$tmp/$1.csrf")" -H 'Content-Type: application/json' -d "$3" "$base$2"; }
field() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" "$tmp/body" | head -1; }
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

# The catalogue: 28 measures, mine marks the reader's own.
[ "$(get hr /api/measures)" = 200 ] || fail "catalogue"
[ "$(grep -o '"id":"A[24]([^"]*' "$tmp/body" | wc -l)" = 28 ] || fail "28 measures"
grep -q '"id":"A2(一)3"[^}]*"mine":true' "$tmp/body" || fail "A2(一)3 is hr's"
grep -q '"id":"A2(二)4"[^}]*"mine":false' "$tmp/body" || fail "A2(二)4 is not hr's"

# A department's worklist: the published run's growth businesses for A2(二)1, never another department's measure.
growth=$(q "SELECT count(*) FROM results WHERE run_id=2 AND type='growth'")
[ "$growth" -gt 0 ] || fail "no growth business generated"
[ "$(get hr "/api/measures/work?measure=$(enc 'A2(二)1')&limit=20")" = 200 ] || fail "hr worklist: $(cat "$tmp/body")"
grep -q '"year":2025,"source":"run","source_label":"区级分型"' "$tmp/body" || fail "the worklist says whose result: $(head -c 200 "$tmp/body")"
[ "$(field total)" = "$growth" ] || fail "hr total $(field total), expected $growth"
[ "$(grep -o '"uscc":' "$tmp/body" | wc -l)" = $((growth < 20 ? growth : 20)) ] || fail "one page"
grep -q 'operator\|"phone"\|operator_id' "$tmp/body" && fail "personal data in a worklist"
[ "$(get hr "/api/measures/work?measure=$(enc 'A2(二)4')")" = 403 ] || fail "hr sees the bureau's measure"
[ "$(get ndrc "/api/measures/work?measure=$(enc 'A2(二)3')")" = 200 ] || fail "ndrc (alias) sees A2(二)3"
[ "$(get clerk "/api/measures/work?measure=$(enc 'A2(二)4')")" = 200 ] || fail "clerk sees the bureau's measure"
[ "$(get bank "/api/measures/work?measure=$(enc 'A2(二)1')")" = 403 ] || fail "bank worklist"
# Paging and sorting on the server: two pages, no overlap, in USCC order.
get hr "/api/measures/work?measure=$(enc 'A2(二)1')&limit=5&sort=uscc" > /dev/null
grep -o '"uscc":"[^"]*"' "$tmp/body" > "$tmp/p1"
get hr "/api/measures/work?measure=$(enc 'A2(二)1')&limit=5&offset=5&sort=uscc" > /dev/null
grep -o '"uscc":"[^"]*"' "$tmp/body" > "$tmp/p2"
[ "$(cat "$tmp/p1" "$tmp/p2" | sort -u | wc -l)" = 10 ] || fail "pages overlap"
cat "$tmp/p1" "$tmp/p2" | sort -c || fail "not in USCC order"
# Filters: town and industry section, counted independently.
t_growth=$(q "SELECT count(*) FROM results r JOIN businesses b USING(uscc) WHERE r.run_id=2 AND r.type='growth' AND b.town='黄村镇'")
get hr "/api/measures/work?measure=$(enc 'A2(二)1')&town=$(enc 黄村镇)" > /dev/null
[ "$(field total)" = "$t_growth" ] || fail "town filter $(field total) != $t_growth"
sec=$(q "SELECT substr(b.industry,1,1) FROM results r JOIN businesses b USING(uscc) WHERE r.run_id=2 AND r.type='growth' LIMIT 1")
s_growth=$(q "SELECT count(*) FROM results r JOIN businesses b USING(uscc) WHERE r.run_id=2 AND r.type='growth' AND substr(b.industry,1,1)='$sec'")
get hr "/api/measures/work?measure=$(enc 'A2(二)1')&section=$sec" > /dev/null
[ "$(field total)" = "$s_growth" ] || fail "section filter"
get hr "/api/measures/work?measure=$(enc 'A2(二)1')&category=famous" > /dev/null
[ "$(field total)" = "$(q "SELECT count(*) FROM round_recognitions")" ] || fail "category filter: nobody recognised"
[ "$(get hr "/api/measures/work?measure=$(enc 'A2(二)1')&category=giant")" = 400 ] || fail "unknown category"

# A town sees its own town only, and only the 各镇街 measures.
t_surv=$(q "SELECT count(*) FROM results r JOIN businesses b USING(uscc) WHERE r.run_id=2 AND r.type='survival' AND b.town='黄村镇'")
[ "$(get town "/api/measures/work?measure=$(enc 'A2(一)2')&town=$(enc 西红门镇)&limit=500")" = 200 ] || fail "town worklist"
[ "$(field total)" = "$t_surv" ] || fail "town total $(field total) != $t_surv"
grep -o '"town":"[^"]*"' "$tmp/body" | grep -v '黄村镇' && fail "town sees another town"
[ "$(get town "/api/measures/work?measure=$(enc 'A2(一)3')")" = 403 ] || fail "town sees a department's measure"
[ "$(get town "/api/businesses/$(q "SELECT uscc FROM businesses LIMIT 1")")" = 403 ] || fail "town reads a business page"
[ "$(get town /api/me)" = 200 ] && grep -q '"role":"town","department":"黄村镇"' "$tmp/body" || fail "town me: $(cat "$tmp/body")"

# Statuses: recorded, audited, refused when not entitled or another town's.
gu=$(q "SELECT uscc FROM results WHERE run_id=2 AND type='growth' ORDER BY uscc LIMIT 1")
su=$(q "SELECT uscc FROM results WHERE run_id=2 AND type='survival' ORDER BY uscc LIMIT 1")
ou=$(q "SELECT r.uscc FROM results r JOIN businesses b USING(uscc) WHERE r.run_id=2 AND r.type='survival' AND b.town<>'黄村镇' LIMIT 1")
[ "$(post hr /api/measures/work "{\"uscc\":\"$gu\",\"measure\":\"A2(二)1\",\"status\":\"contacted\",\"note\":\"电话\"}")" = 200 ] || fail "mark: $(cat "$tmp/body")"
[ "$(post hr /api/measures/work "{\"uscc\":\"$gu\",\"measure\":\"A2(二)1\",\"status\":\"served\",\"on\":\"2026-03-01\"}")" = 200 ] || fail "mark served"
grep -q '"status_label":"已服务"' "$tmp/body" || fail "label"
[ "$(post hr /api/measures/work "{\"uscc\":\"$su\",\"measure\":\"A2(二)1\",\"status\":\"served\"}")" = 403 ] || fail "served a business not entitled"
[ "$(post hr /api/measures/work "{\"uscc\":\"$gu\",\"measure\":\"A2(二)4\",\"status\":\"served\"}")" = 403 ] || fail "hr marks the bureau's measure"
[ "$(post town /api/measures/work "{\"uscc\":\"$ou\",\"measure\":\"A2(一)2\",\"status\":\"served\"}")" = 403 ] || fail "town marks another town"
[ "$(post hr /api/measures/work "{\"uscc\":\"$gu\",\"measure\":\"A2(二)1\",\"status\":\"done\"}")" = 400 ] || fail "unknown status"
[ "$(code -b "$tmp/hr.jar" -H 'Content-Type: application/json' -d '{}' "$base/api/measures/work")" = 403 ] || fail "mark without CSRF"
[ "$(q "SELECT count(*) FROM audit WHERE action='measure.work' AND actor='hr'")" = 2 ] || fail "marks audited"
q "SELECT before FROM audit WHERE action='measure.work' ORDER BY id DESC LIMIT 1" | grep -q '"status":"contacted"' || fail "audit before"
get hr "/api/measures/work?measure=$(enc 'A2(二)1')&status=served" > /dev/null
[ "$(field total)" = 1 ] || fail "status filter"
grep -q "\"uscc\":\"$gu\"[^}]*\"on\":\"2026-03-01\"" "$tmp/body" || fail "status row: $(cat "$tmp/body")"

# Exports: the whole list, CSV with a header line, XLSX a zip; audited.
[ "$(get hr "/api/measures/work?measure=$(enc 'A2(二)1')&format=csv")" = 200 ] || fail "csv"
[ "$(($(wc -l < "$tmp/body") - 1))" = "$growth" ] || fail "csv rows"
head -1 "$tmp/body" | grep -q "统一社会信用代码" || fail "csv header"
[ "$(get hr "/api/measures/work?measure=$(enc 'A2(二)1')&format=xlsx")" = 200 ] || fail "xlsx"
[ "$(head -c 2 "$tmp/body")" = PK ] || fail "xlsx is not a zip"
[ "$(q "SELECT count(*) FROM audit WHERE action='measure.export'")" = 2 ] || fail "exports audited"

# Coverage: the served mark counts for hr on A2(二)1; entitled is the growth count.
[ "$(get hr /api/measures/coverage)" = 403 ] || fail "department coverage"
[ "$(get reviewer /api/measures/coverage)" = 200 ] || fail "coverage: $(cat "$tmp/body")"
grep -q "\"measure\":\"A2(二)1\",\"title\":\"加大用工支持力度\",\"for\":\"growth\",\"department\":\"区人力资源社会保障局\",\"town\":false,\"entitled\":$growth,\"served\":1," "$tmp/body" || fail "coverage row: $(head -c 600 "$tmp/body")"
[ "$(get reviewer "/api/measures/coverage?format=xlsx")" = 200 ] || fail "coverage xlsx"
[ "$(head -c 2 "$tmp/body")" = PK ] || fail "coverage xlsx zip"

# Changes of the 2025 publication: who gained or lost what, against 2024.
nchg=$(q "SELECT count(*) FROM measure_changes WHERE kind='publication' AND ref='2'")
diff=$(q "SELECT count(*) FROM results n LEFT JOIN results o ON o.run_id=1 AND o.uscc=n.uscc WHERE n.run_id=2 AND (o.type IS NULL OR o.type<>n.type)")
[ "$nchg" = "$diff" ] || fail "changes recorded $nchg, types differing $diff"
[ "$(get reviewer "/api/measures/changes?publication=2&limit=1000")" = 200 ] || fail "changes"
[ "$(grep -o '"uscc":' "$tmp/body" | wc -l)" = "$((nchg < 1000 ? nchg : 1000))" ] || fail "changes listed"
up=$(q "SELECT n.uscc FROM results n JOIN results o ON o.run_id=1 AND o.uscc=n.uscc WHERE n.run_id=2 AND o.type='survival' AND n.type='growth' LIMIT 1")
[ -n "$up" ] || fail "the generated district has no survival -> growth business"
if [ -n "$up" ]; then
  grep -q "\"uscc\":\"$up\",\"before\":\"survival\",\"after\":\"growth\",[^}]*\"gained\":\[\"A2(二)1\",\"A2(二)2\",\"A2(二)3\",\"A2(二)4\"\],\"lost\":\[\"A2(一)1\"" "$tmp/body" || fail "survival -> growth change"
fi
[ "$(get hr "/api/measures/changes?publication=2")" = 403 ] || fail "department changes"

# The business page: the measures with the reader's parts; a department sees only its own parts' text.
[ "$(get reviewer "/api/businesses/$gu")" = 200 ] || fail "business page"
grep -q '"measures":\[{"id":"A2(二)1"' "$tmp/body" || fail "business page measures"
"$g" user add --username owner --role business --uscc "$gu" > /dev/null || fail "owner"
acode=$("$g" user code --uscc "$gu" 2>/dev/null) || fail "code"
[ "$(code -c "$tmp/owner.jar" -H 'Content-Type: application/json' -d "{\"uscc\":\"$gu\",\"code\":\"$acode\"}" "$base/api/session")" = 200 ] || fail "owner login"
[ "$(get owner "/api/businesses/$gu")" = 200 ] || fail "owner page"
grep -q '"measures_note":"您可享受以下帮扶措施，无需申请' "$tmp/body" || fail "owner note"
grep -q '"id":"A2(二)3"[^}]*"body":"支持个体工商户融资' "$tmp/body" || fail "owner sees the whole text"
[ "$(get owner "/api/measures/work?measure=$(enc 'A2(二)1')")" = 403 ] || fail "owner worklist"
echo "api measures: all passed"
