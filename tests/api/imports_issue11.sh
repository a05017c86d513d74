#!/usr/bin/env bash
# An import a clerk can do without the docs (issue 11 §5): a template per kind in XLSX
# and CSV with exactly the kind's columns, that imports back once a row is filled in;
# the checklist of the year's sources (未导入, then 已导入 with who and when); the
# history (a commit and a cancellation, newest first, a department's own kinds only);
# a bad file's report in Chinese naming the column by its Chinese title; a wrong file
# in one plain sentence.
set -u
g=$1
. "$(dirname "$0")/lib.sh"
api_init
api_user clerk clerk
api_user tax department --department 区税务局
api_serve
login clerk
login tax
# pj EXPR: EXPR of the JSON body d (python); the body of the last call
pj() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); r=eval(sys.argv[2]); print(r if not isinstance(r,(list,dict)) else json.dumps(r,ensure_ascii=False))' "$tmp/body" "$1"; }
get() { code -b "$tmp/$1.jar" "$base$2"; }
dl() { curl -s -o "$2" -D "$tmp/headers" -w "%{http_code}" --max-time 30 -b "$tmp/clerk.jar" "$base$1"; } # path file
upload() { # who kind name file
  code -b "$tmp/$1.jar" -H "X-CSRF-Token: $(cat "$tmp/$1.csrf")" -H 'Content-Type: application/octet-stream' \
    --data-binary "@$4" "$base/api/imports?kind=$2&name=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$3")"
}
decide() { # who upload commit|cancel
  if [ "$3" = commit ]; then
    code -b "$tmp/$1.jar" -H "X-CSRF-Token: $(cat "$tmp/$1.csrf")" -H 'Content-Type: application/json' -d '{}' \
      "$base/api/imports/$2/commit"
  else
    code -b "$tmp/$1.jar" -H "X-CSRF-Token: $(cat "$tmp/$1.csrf")" -X DELETE "$base/api/imports/$2"
  fi
}

# ---- the checklist before any import: every source 未导入 ----
[ "$(get clerk /api/imports/checklist?year=2025)" = 200 ] || fail "checklist: $(cat "$tmp/body")"
[ "$(pj 'd["reference_date"]')" = 2025-07-31 ] || fail "the 2025 reference date"
[ "$(pj 'len(d["sources"])')" = 12 ] || fail "12 sources, got $(pj 'len(d["sources"])')"
[ "$(pj 'sorted(set(s["state_label"] for s in d["sources"]))')" = '["未导入"]' ] || fail "all 未导入 at first"
[ "$(pj '[s for s in d["sources"] if s["kind"]=="registration"][0]["departments"]')" = '["区市场监管局"]' ] ||
  fail "registration is the market bureau's"
# a department sees its own kinds only
[ "$(get tax /api/imports/checklist?year=2025)" = 200 ] || fail "department checklist"
[ "$(pj '[s["kind"] for s in d["sources"]]')" = '["tax"]' ] || fail "the tax bureau's checklist: $(pj 'd')"

# ---- templates: exactly the kind's columns, in both formats ----
get clerk /api/me > /dev/null
cp "$tmp/body" "$tmp/me.json"
kinds=$(python3 -c 'import json,sys; print(" ".join(k["kind"] for k in json.load(open(sys.argv[1]))["upload_kinds"] if k["columns"]))' "$tmp/me.json")
[ "$(echo "$kinds" | wc -w)" -ge 13 ] || fail "upload kinds: $kinds"
titles() { python3 -c 'import json,sys; k=[k for k in json.load(open(sys.argv[1]))["upload_kinds"] if k["kind"]==sys.argv[2]][0]; print(",".join(c["title"] for c in k["columns"]))' "$tmp/me.json" "$1"; }
example() { python3 -c 'import json,sys; k=[k for k in json.load(open(sys.argv[1]))["upload_kinds"] if k["kind"]==sys.argv[2]][0]; print(",".join("\""+c["example"]+"\"" for c in k["columns"]))' "$tmp/me.json" "$1"; }
for k in $kinds; do
  [ "$(dl "/api/imports/template?kind=$k&format=csv" "$tmp/$k.csv")" = 200 ] || fail "csv template $k"
  grep -qi '^content-type: text/csv' "$tmp/headers" || fail "csv template $k: type"
  grep -qi "^content-disposition: attachment; filename=\"getihu-template-$k.csv\"" "$tmp/headers" || fail "csv template $k: name"
  [ "$(head -c 3 "$tmp/$k.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "csv template $k: no BOM"
  [ "$(tail -c +4 "$tmp/$k.csv" | tr -d '\r')" = "$(titles "$k")" ] || fail "csv template $k: columns $(cat "$tmp/$k.csv")"
  [ "$(dl "/api/imports/template?kind=$k&format=xlsx" "$tmp/$k.xlsx")" = 200 ] || fail "xlsx template $k"
  # the first sheet's first row, and the sheets' names
  got=$(python3 - "$tmp/$k.xlsx" << 'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = re.findall(r'<sheet name="([^"]*)"', z.read('xl/workbook.xml').decode())
shared = [re.sub(r'<[^>]+>', '', s) for s in re.findall(r'<si>(.*?)</si>', z.read('xl/sharedStrings.xml').decode(), re.S)]
sheet = z.read('xl/worksheets/sheet1.xml').decode()
row1 = re.search(r'<row r="1"[^>]*>(.*?)</row>', sheet, re.S).group(1)
cells = [shared[int(v)] for v in re.findall(r'<c r="[A-Z]+1"[^>]*t="s"[^>]*><v>(\d+)</v>', row1)]
print(names[1] + "|" + ",".join(cells) + "|" + str(len(re.findall(r'<row ', sheet))))
EOF
)
  [ "$got" = "填写说明|$(titles "$k")|1" ] || fail "xlsx template $k: $got"
  # an unfilled XLSX template is a valid, empty file of its kind
  [ "$(upload clerk "$k" "模板-$k.xlsx" "$tmp/$k.xlsx")" = 200 ] || fail "xlsx template $k does not import: $(cat "$tmp/body")"
  [ "$(pj 'd["rows_read"]')" = 0 ] || fail "xlsx template $k has rows"
  decide clerk "$(pj 'd["upload"]')" cancel > /dev/null
done
[ "$(get clerk '/api/imports/template?kind=dossiers')" = 400 ] || fail "no template for dossiers"
[ "$(get clerk '/api/imports/template?kind=tax&format=pdf')" = 400 ] || fail "template format"
[ "$(get tax '/api/imports/template?kind=registration&format=csv')" = 403 ] || fail "a department's template of another's kind"
[ "$(get tax '/api/imports/template?kind=tax&format=csv')" = 200 ] || fail "the tax bureau's template"

# ---- a filled template imports back: registration committed, every other kind checks clean ----
{ cat "$tmp/registration.csv"; printf '\r\n'; example registration; } > "$tmp/reg-filled.csv"
[ "$(upload clerk registration 登记信息-已填.csv "$tmp/reg-filled.csv")" = 200 ] || fail "filled registration: $(cat "$tmp/body")"
[ "$(pj 'd["rows_ok"], d["rows_bad"]')" = "(1, 0)" ] || fail "filled registration: $(pj 'd["bad"]')"
reg_upload=$(pj 'd["upload"]')
[ "$(decide clerk "$reg_upload" commit)" = 200 ] && [ "$(pj 'd["committed"]')" = True ] || fail "commit registration"
for k in $kinds; do
  [ "$k" = registration ] && continue
  { cat "$tmp/$k.csv"; printf '\r\n'; example "$k"; } > "$tmp/$k-filled.csv"
  [ "$(upload clerk "$k" "$k-filled.csv" "$tmp/$k-filled.csv")" = 200 ] || fail "filled $k: $(cat "$tmp/body")"
  [ "$(pj 'd["rows_ok"], d["rows_bad"]')" = "(1, 0)" ] || fail "filled $k: $(pj 'd["bad"]')"
  decide clerk "$(pj 'd["upload"]')" cancel > /dev/null || fail "cancel $k"
done

# ---- the checklist now: registration 已导入 by the clerk today, the rest still 未导入 ----
[ "$(get clerk /api/imports/checklist?year=2025)" = 200 ] || fail "checklist after"
[ "$(pj '[s for s in d["sources"] if s["kind"]=="registration"][0]["state_label"]')" = 已导入 ] || fail "registration 已导入"
[ "$(pj '[s for s in d["sources"] if s["kind"]=="registration"][0]["last"]["actor"]')" = clerk ] || fail "who"
[ "$(pj '[s for s in d["sources"] if s["kind"]=="registration"][0]["last"]["file_name"]')" = 登记信息-已填.csv ] ||
  fail "which file"
[ "$(pj '[s for s in d["sources"] if s["kind"]=="registration"][0]["last"]["rows_ok"]')" = 1 ] || fail "rows"
[ "$(pj '[s for s in d["sources"] if s["kind"]=="registration"][0]["last"]["finished_at"][:10]')" = "$(date -u +%F)" ] ||
  fail "when"
[ "$(pj '[s for s in d["sources"] if s["kind"]=="tax"][0]["state_label"]')" = 未导入 ] || fail "tax still 未导入"
# a year whose reference date is after the import: 较旧
[ "$(get clerk /api/imports/checklist?year=2199)" = 200 ] || fail "checklist 2199"
[ "$(pj '[s for s in d["sources"] if s["kind"]=="registration"][0]["state_label"]')" = 较旧 ] || fail "较旧"

# ---- the history: the commit and the cancellations, newest first; no dry run of the commit ----
[ "$(get clerk '/api/imports/history?limit=100')" = 200 ] || fail "history"
[ "$(pj 'd["imports"][0]["outcome_label"]')" = 已取消 ] || fail "newest: a cancellation"
[ "$(pj '[i["outcome"] for i in d["imports"] if i["kind"]=="registration"]')" = '["committed", "cancelled"]' ] ||
  fail "registration: the commit and the cancelled xlsx check: $(pj '[i["outcome"] for i in d["imports"] if i["kind"]=="registration"]')"
[ "$(pj 'all(d["imports"][i]["id"] > d["imports"][i+1]["id"] for i in range(len(d["imports"])-1))')" = True ] ||
  fail "newest first"
total=$(pj 'd["total"]')
[ "$(get clerk '/api/imports/history?limit=2&offset=1')" = 200 ] && [ "$(pj 'len(d["imports"]), d["total"]')" = "(2, $total)" ] ||
  fail "a page"
# a department reads the history of the kinds it supplies (whoever uploaded them), decision 194
[ "$(get tax '/api/imports/history')" = 200 ] && [ "$(pj 'sorted(set(i["kind"] for i in d["imports"]))')" = '["tax"]' ] ||
  fail "the tax bureau sees only its own kinds: $(pj 'd')"
[ "$(get clerk '/api/imports/history?limit=0')" = 400 ] || fail "history paging"
# a command-line import is listed by its file's own name, never the server's folder (decision 214)
mkdir -p "$tmp/srv/dir" && printf 'uscc,tax_paid,year\n' > "$tmp/srv/dir/tax-cli.csv"
"$g" import --source tax "$tmp/srv/dir/tax-cli.csv" > /dev/null 2>&1 || fail "cli import"
[ "$(get tax '/api/imports/history?limit=1')" = 200 ] && [ "$(pj 'd["imports"][0]["file_name"]')" = tax-cli.csv ] ||
  fail "history names the server's folder: $(cat "$tmp/body")"

# ---- a bad file's report: Chinese, naming the column by its Chinese title ----
printf 'uscc,year,tax_paid\n%s,2024,12x\n' 92110115MA01K3L60E > "$tmp/bad-tax.csv"
[ "$(upload clerk tax 税务-错.csv "$tmp/bad-tax.csv")" = 200 ] || fail "bad tax"
[ "$(pj 'd["rows_bad"]')" = 1 ] || fail "one bad row"
[ "$(pj 'd["bad"][0]["field"]')" = tax_paid ] || fail "field as the file names it"
[ "$(pj 'd["bad"][0]["column"]')" = 实缴税款 ] || fail "column: $(pj 'd["bad"][0]')"
text=$(pj 'd["bad"][0]["text"]')
case $text in "第 2 行「实缴税款」："*) ;; *) fail "text: $text";; esac
echo "$text" | grep -qE '[A-Za-z]{3,}' && fail "English left in: $text"
decide clerk "$(pj 'd["upload"]')" cancel > /dev/null

# ---- a wrong file says so in one plain sentence with what was expected ----
# registration as patents: the required 专利号 is missing, and the header is registration's
[ "$(upload clerk patents 登记信息.csv "$tmp/reg-filled.csv")" = 422 ] || fail "registration as patents: $(cat "$tmp/body")"
case $(pj 'd["plain"]') in *"看起来是「登记信息」"*"「专利」"*) ;; *) fail "wrong kind: $(pj 'd["plain"]')";; esac
# registration as tax (whose only required column is the USCC): checked, with a warning
[ "$(upload clerk tax 登记信息.csv "$tmp/reg-filled.csv")" = 200 ] || fail "registration as tax: $(cat "$tmp/body")"
case $(pj 'd["warning"]') in *"看起来是「登记信息」"*"「税务信息」"*) ;; *) fail "warning: $(pj 'd["warning"]')";; esac
decide clerk "$(pj 'd["upload"]')" cancel > /dev/null
# a column no kind has is named
printf '统一社会信用代码,参保年度,单位参保人数,备注\n' > "$tmp/extra.csv"
[ "$(upload clerk insurance 参保.csv "$tmp/extra.csv")" = 200 ] || fail "an extra column"
[ "$(pj 'd["warning"]')" = "以下列不是「社会保险」的列，不会导入：「备注」。" ] || fail "extra column: $(pj 'd["warning"]')"
decide clerk "$(pj 'd["upload"]')" cancel > /dev/null
[ "$(upload clerk insurance 参保.csv "$tmp/insurance-filled.csv")" = 200 ] && [ "$(pj 'd["warning"]')" = None ] ||
  fail "no warning for a clean file"
decide clerk "$(pj 'd["upload"]')" cancel > /dev/null
printf '名称,金额\n甲,1\n' > "$tmp/other.csv"
[ "$(upload clerk insurance 其他.csv "$tmp/other.csv")" = 422 ] || fail "unknown columns"
case $(pj 'd["plain"]') in *"缺少必填列「统一社会信用代码」、「参保年度」、「单位参保人数」"*"统一社会信用代码（必填）"*) ;;
  *) fail "missing columns: $(pj 'd["plain"]')";; esac
pj 'd["plain"]' | grep -qE '[A-Za-z]{3,}' && fail "English in: $(pj 'd["plain"]')"
: > "$tmp/empty.csv"
[ "$(upload clerk tax 空.csv "$tmp/empty.csv")" = 422 ] || fail "empty file"
case $(pj 'd["plain"]') in "文件是空的"*) ;; *) fail "empty: $(pj 'd["plain"]')";; esac
echo "imports (issue 11): templates of $(echo "$kinds" | wc -w) kinds round-trip; checklist, history and plain reports as described"
