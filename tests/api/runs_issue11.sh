#!/usr/bin/env bash
# Runs and publication over HTTP (issue 11 §4): the years the data knows (with next
# year exactly when its parameters ship), a run's name and note (set at start, edited,
# audited, refused once published), the compare list of the businesses whose type
# moved (checked against a diff computed here from `getihu export` of both runs, in
# full, paged and filtered, and as the workbook's rows), and the publish answer naming
# the run it replaced.
set -u
g=$1
. "$(dirname "$0")/lib.sh"
api_init
"$g" gen --format extracts --dir "$tmp/x" --count 1500 --seed 5 --year 2025 > /dev/null 2>&1 || fail "gen"
for k in registration annual_reports tax insurance; do
  "$g" import --source $k "$tmp/x/$k.csv" > /dev/null 2>&1 || fail "import $k"
done
"$g" run --year 2025 --name 基线 --note "内置参数" > /dev/null 2>&1 || fail "run 1"
"$g" publish --run 1 > /dev/null || fail "publish 1"
"$g" params show --year 2025 | sed 's/"revenue_min": "300000"/"revenue_min": "180000"/; s/"tax_min": "30000"/"tax_min": "9000"/' \
  > "$tmp/lower.json"
"$g" run --year 2025 --params "$tmp/lower.json" > /dev/null 2>&1 || fail "run 2"
"$g" run --year 2025 --name "$(printf 'x%.0s' $(seq 41))" > /dev/null 2>&1 && fail "a 41-character name accepted by run"
api_user admin admin
api_user clerk clerk
api_user reviewer reviewer
api_user inspector inspector
api_serve
login admin
login clerk
login reviewer
login inspector
put() { code -b "$tmp/$1.jar" -X PUT -H "X-CSRF-Token: $(cat "$tmp/$1.csrf")" -H 'Content-Type: application/json' -d "$3" \
          "$base/api/runs/$2"; }

# ---- the years ----
[ "$(code -b "$tmp/inspector.jar" "$base/api/years")" = 200 ] || fail "years: $(cat "$tmp/body")"
shipped=$("$g" params list | awk '{print $3}' | sort -n | tr '\n' ' ')
next=$(( $(date -u +%Y) + 1 ))
"$g" params show --year $next > /dev/null 2>&1 && next_ships=1 || next_ships=0
python3 - "$tmp/body" "$shipped" $next $next_ships << 'PY' || fail "years"
import json, sys
d = json.load(open(sys.argv[1]))
shipped = {int(y) for y in sys.argv[2].split()}
years = [y["year"] for y in d["years"]]
assert years == sorted(years, reverse=True), years
assert set(years) == shipped | {2025}, (years, shipped)
assert all(y["params"] == (y["year"] in shipped) for y in d["years"]), d
assert (int(sys.argv[3]) in years) == (sys.argv[4] == "1"), "next year listed iff its parameters ship"
y2025 = next(y for y in d["years"] if y["year"] == 2025)
assert y2025["runs"] == 2 and y2025["published_run"] == 1 and y2025["published_at"], y2025
assert d["latest_published"] == 2025 and d["newest_params"] == max(shipped), d
PY

# ---- names and notes ----
code -b "$tmp/admin.jar" "$base/api/runs" > /dev/null
grep -q '"id":1,[^}]*"name":"基线","note":"内置参数"' "$tmp/body" || fail "run --name/--note not listed: $(cat "$tmp/body")"
grep -q '"id":2,[^}]*"name":null,"note":null' "$tmp/body" || fail "run 2 has a label"
"$g" runs | grep -q '^#1 .*「基线」$' || fail "getihu runs does not name run 1"
[ "$(put clerk 2 '{"name":"降低门槛试算","note":"成长型收入 18 万元"}')" = 200 ] || fail "clerk names run 2: $(cat "$tmp/body")"
grep -q '"name":"降低门槛试算"' "$tmp/body" || fail "name answer"
[ "$(put clerk 2 "{\"name\":\"$(printf '名%.0s' $(seq 41))\"}")" = 400 ] || fail "41-character name"
[ "$(put clerk 2 '{"name":"两\n行"}')" = 400 ] || fail "a name with a newline"
[ "$(put clerk 2 '{"name":5}')" = 400 ] || fail "a name that is a number"
[ "$(put clerk 1 '{"name":"改"}')" = 409 ] || fail "published run renamed"
[ "$(put clerk 99 '{"name":"改"}')" = 404 ] || fail "missing run"
[ "$(put reviewer 2 '{"name":"改"}')" = 403 ] || fail "reviewer renames"
[ "$(code -b "$tmp/clerk.jar" -X PUT -H 'Content-Type: application/json' -d '{"name":"x"}' "$base/api/runs/2")" = 403 ] ||
  fail "rename without CSRF"
code -b "$tmp/admin.jar" "$base/api/runs" > /dev/null
grep -q '"id":2,[^}]*"name":"降低门槛试算","note":"成长型收入 18 万元"' "$tmp/body" || fail "label not stored"
code -b "$tmp/admin.jar" "$base/api/audit?action=run.note" > /dev/null
[ "$(grep -o '"action":"run.note"' "$tmp/body" | wc -l)" = 1 ] || fail "run.note audited once (refusals are not): $(cat "$tmp/body")"
grep -q '"actor":"clerk"' "$tmp/body" && grep -q '降低门槛试算' "$tmp/body" && grep -q '"object":"run #2 year 2025"' "$tmp/body" ||
  fail "run.note entry: $(cat "$tmp/body")"
# started from the console with a name
[ "$(code -b "$tmp/clerk.jar" -X POST -H "X-CSRF-Token: $(cat "$tmp/clerk.csrf")" -H 'Content-Type: application/json' \
      -d '{"year":2025,"name":"网页分型","note":"与公示参数相同"}' "$base/api/runs")" = 202 ] || fail "start: $(cat "$tmp/body")"
for _ in $(seq 300); do code -b "$tmp/clerk.jar" "$base/api/jobs/1" > /dev/null; grep -q '"status":"running"' "$tmp/body" || break; sleep 0.2; done
grep -q '"status":"done","done":1500,"total":1500,"run":3' "$tmp/body" || fail "job: $(cat "$tmp/body")"
code -b "$tmp/admin.jar" "$base/api/runs" > /dev/null
grep -q '"id":3,[^}]*"actor":"clerk","name":"网页分型","note":"与公示参数相同"' "$tmp/body" || fail "run 3 label"
[ "$(code -b "$tmp/clerk.jar" -X POST -H "X-CSRF-Token: $(cat "$tmp/clerk.csrf")" -H 'Content-Type: application/json' \
      -d "{\"year\":2025,\"note\":\"$(printf '注%.0s' $(seq 201))\"}" "$base/api/runs")" = 400 ] || fail "201-character note"

# ---- the compare list against an independent diff of the two runs' exports ----
"$g" export --year 2025 --run 1 --format jsonl --output "$tmp/a.jsonl" > /dev/null 2>&1 || fail "export 1"
"$g" export --year 2025 --run 2 --format jsonl --output "$tmp/b.jsonl" > /dev/null 2>&1 || fail "export 2"
"$g" export --year 2025 --run 2 --format csv --output "$tmp/b.csv" > /dev/null 2>&1 || fail "export 2 csv"
offset=0
: > "$tmp/pages.jsonl"
while :; do
  [ "$(code -b "$tmp/inspector.jar" "$base/api/runs/2/compare?limit=37&offset=$offset")" = 200 ] || fail "compare page $offset"
  cat "$tmp/body" >> "$tmp/pages.jsonl"; echo >> "$tmp/pages.jsonl"
  n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["movers"]["items"]))' "$tmp/body")
  [ "$n" = 0 ] && break
  offset=$((offset + 37))
done
code -b "$tmp/inspector.jar" "$base/api/runs/2/compare?from=survival&to=growth&limit=500" > /dev/null
cp "$tmp/body" "$tmp/filtered.json"
[ "$(code -b "$tmp/reviewer.jar" "$base/api/runs/2/compare?format=xlsx")" = 200 ] || fail "xlsx"
cp "$tmp/body" "$tmp/movers.xlsx"
grep -qi 'filename="getihu-2025-run2-compare.xlsx"' "$tmp/headers" || fail "xlsx name"
mkdir -p "$tmp/xl" && (cd "$tmp/xl" && unzip -q "$tmp/movers.xlsx") || fail "xlsx is not a zip"
python3 - "$tmp/a.jsonl" "$tmp/b.jsonl" "$tmp/b.csv" "$tmp/pages.jsonl" "$tmp/filtered.json" "$tmp/xl" << 'PY' || fail "compare list"
import csv, glob, json, re, sys, xml.etree.ElementTree as ET
a = {r["uscc"]: r for r in map(json.loads, open(sys.argv[1]))}
b = {r["uscc"]: r for r in map(json.loads, open(sys.argv[2]))}
names = {r[0].lstrip("\ufeff"): (r[1], r[2]) for r in csv.reader(open(sys.argv[3], encoding="utf-8"))}
t = lambda d, u: d[u]["type"] if u in d else "none"
diff = sorted((u, t(a, u), t(b, u)) for u in set(a) | set(b) if t(a, u) != t(b, u))
assert len(diff) > 20, "the lower threshold moves businesses: %d" % len(diff)
pages = [json.loads(l) for l in open(sys.argv[4]) if l.strip()]
items = [i for p in pages for i in p["movers"]["items"]]
assert all(p["movers"]["total"] == len(diff) for p in pages), "total"
assert [(i["uscc"], i["from"], i["to"]) for i in items] == diff, "the paged list is the diff, in USCC order"
for i in items:
    assert (i["name"], i["town"]) == names[i["uscc"]], i["uscc"]
    assert i["reasons"] == b.get(i["uscc"], {"reasons": []})["reasons"], "the new run's reasons"
    assert all(r["article"] and r["text"] for r in i["reasons"])
counts = pages[0]["counts"]
assert sum(c["count"] for c in counts if c["from"] != c["to"]) == len(diff)
f = json.load(open(sys.argv[5]))
want = [d for d in diff if d[1:] == ("survival", "growth")]
assert [(i["uscc"], i["from"], i["to"]) for i in f["movers"]["items"]] == want and f["movers"]["total"] == len(want)
assert f["movers"]["from"] == "survival" and f["movers"]["to"] == "growth"
# the workbook: one sheet, its header, then the same rows (inline or shared strings)
x = sys.argv[6]
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
shared = []
if glob.glob(x + "/xl/sharedStrings.xml"):
    shared = ["".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])) for si in ET.parse(x + "/xl/sharedStrings.xml").getroot()]
rows = []
for row in ET.parse(x + "/xl/worksheets/sheet1.xml").getroot().iter("{%s}row" % ns["m"]):
    cells = [""] * 7  # by column letter: an empty cell is not written
    for c in row.findall("m:c", ns):
        col = ord(re.match(r"[A-Z]", c.get("r")).group()) - ord("A")
        if c.get("t") == "s": cells[col] = shared[int(c.find("m:v", ns).text)]
        else: cells[col] = "".join(t.text or "" for t in c.iter("{%s}t" % ns["m"]))
    rows.append(cells)
assert rows[0] == ["统一社会信用代码", "名称", "镇街", "原类型（已公布）", "新类型", "理由代码", "理由"], rows[0]
label = {"survival": "生存型", "growth": "成长型", "development": "发展型", "ineligible": "不符合分型条件", "none": "上一版本无结果"}
assert [(r[0], r[3], r[4]) for r in rows[1:]] == [(u, label[f], label[to]) for u, f, to in diff], "workbook rows"
assert all(r[5] == "；".join(x["code"] for x in b.get(r[0], {"reasons": []})["reasons"]) for r in rows[1:]), "reason codes"
assert all((r[1], r[2]) == names.get(r[0], ("", "")) for r in rows[1:]), "names and towns"
PY
# the same parameters as the published run: nothing moved
code -b "$tmp/admin.jar" "$base/api/runs/3/compare" > /dev/null
grep -q '"movers":{"total":0,"offset":0,"limit":50,"from":null,"to":null,"items":\[\]}' "$tmp/body" || fail "run 3 moved: $(cat "$tmp/body")"
for bad in "from=rising" "to=x" "limit=0" "limit=501" "offset=-1" "format=pdf"; do
  [ "$(code -b "$tmp/admin.jar" "$base/api/runs/2/compare?$bad")" = 400 ] || fail "compare $bad"
done
code -b "$tmp/admin.jar" "$base/api/audit?action=export" > /dev/null
grep -q 'compare run #2 with #1 year 2025 format xlsx rows [1-9]' "$tmp/body" || fail "xlsx download not audited"

# ---- publication ----
[ "$(code -b "$tmp/reviewer.jar" -X POST -H "X-CSRF-Token: $(cat "$tmp/reviewer.csrf")" "$base/api/runs/2/publish")" = 200 ] ||
  fail "publish 2"
[ "$(cat "$tmp/body")" = '{"published":true,"year":2025,"run":2,"replaced":1}' ] || fail "publish answer: $(cat "$tmp/body")"
[ "$(put clerk 2 '{"name":"改"}')" = 409 ] || fail "renamed after publication"
[ "$(put admin 1 '{"name":"改"}')" = 409 ] || fail "a run once published renamed"
code -b "$tmp/admin.jar" "$base/api/stats?year=2025" > /dev/null
grep -q '"run":2,' "$tmp/body" && grep -q '"published_at":"20[0-9-]*T[0-9:]*Z","latest_import_at":"20[0-9-]*T[0-9:]*Z"}$' "$tmp/body" ||
  fail "stats as-of: $(cat "$tmp/body")"
echo "runs (issue 11): ok"
