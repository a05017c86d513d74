#!/usr/bin/env bash
# The staff search over real HTTP (issue 11 §3): the total is the exact count of matches, pages are disjoint and
# together the whole in the promised order, each filter narrows to what it names, a USCC is found in lower case
# and spaced, bad parameters answer 400, and the roles see what they saw before (a department its own businesses,
# a town and a bank nothing). Every figure is counted independently with sqlite3 from the generated district.
set -u
g=$1
. "$(dirname "$0")/lib.sh"
api_init
api_district 7 1500
"$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null 2>&1 || fail "run/publish 2025"
q() { dbq "$1"; }
api_user clerk clerk
api_user tax department --department 区税务局
api_user town town --town 黄村镇
api_user bank bank --bank 测试银行
api_serve
for r in clerk tax town bank; do login "$r"; done
get() { code -b "$tmp/$1.jar" "$base$2"; }
field() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" "$tmp/body" | tail -1; }
usccs() { grep -o '"uscc":"[^"]*"' "$tmp/body" | cut -d'"' -f4; }
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
# all_pages PATH PER_PAGE: every page's USCCs in order into $tmp/all (the total into $tmp/total)
all_pages() {
  local p=1 pages
  : > "$tmp/all"
  while :; do
    [ "$(get clerk "$1&per_page=$2&page=$p")" = 200 ] || fail "page $p of $1: $(cat "$tmp/body")"
    usccs >> "$tmp/all"
    field total > "$tmp/total"
    pages=$(field pages)
    [ "$p" -ge "$pages" ] && break
    p=$((p + 1))
  done
}
FAST=$(enc 快餐)

# A name: the total is exact; pages of 7 are disjoint and together the matches, in (name, USCC) order.
n=$(q "SELECT count(*) FROM businesses WHERE name LIKE '%快餐%'")
[ "$n" -gt 20 ] || fail "too few 快餐: $n"
all_pages "/api/businesses?q=$FAST" 7
[ "$(cat "$tmp/total")" = "$n" ] || fail "total $(cat "$tmp/total") != $n"
q "SELECT uscc FROM businesses WHERE name LIKE '%快餐%' ORDER BY name, uscc" > "$tmp/want"
diff -q "$tmp/all" "$tmp/want" > /dev/null || fail "pages are not the matches in name order"
[ "$(sort -u "$tmp/all" | wc -l)" = "$n" ] || fail "pages overlap"
grep -q '"per_page":7' "$tmp/body" && grep -q '"sort":"name"' "$tmp/body" || fail "page fields"
grep -q '"industry":"H6220","industry_name":"餐饮业·快餐服务"' "$tmp/body" || fail "industry name: $(head -c 300 "$tmp/body")"
# Sorts: by USCC; newest first (ties by USCC, descending).
all_pages "/api/businesses?q=$FAST&sort=uscc" 50
q "SELECT uscc FROM businesses WHERE name LIKE '%快餐%' ORDER BY uscc" | diff -q - "$tmp/all" > /dev/null || fail "USCC order"
all_pages "/api/businesses?q=$FAST&sort=-established" 50
q "SELECT uscc FROM businesses WHERE name LIKE '%快餐%' ORDER BY established DESC, uscc DESC" | diff -q - "$tmp/all" > /dev/null ||
  fail "newest first"
# Beyond the last page: no results, the total still exact.
[ "$(get clerk "/api/businesses?q=$FAST&page=999")" = 200 ] && [ "$(field total)" = "$n" ] && ! grep -q '"uscc"' "$tmp/body" ||
  fail "page beyond the last"

# Filters alone (no query): each narrows to what it names, with the exact total.
town=$(q "SELECT town FROM businesses GROUP BY town ORDER BY count(*) DESC LIMIT 1")
[ "$(get clerk "/api/businesses?town=$(enc "$town")&per_page=200")" = 200 ] || fail "town filter"
[ "$(field total)" = "$(q "SELECT count(*) FROM businesses WHERE town='$town'")" ] || fail "town total"
grep -o '"town":"[^"]*"' "$tmp/body" | grep -v "\"$town\"" && fail "another town listed"
[ "$(get clerk "/api/businesses?industry=h&per_page=200")" = 200 ] || fail "section filter (lower case)"
[ "$(field total)" = "$(q "SELECT count(*) FROM businesses WHERE substr(industry,1,1)='H'")" ] || fail "section total"
grep -o '"industry":"[^"]*"' "$tmp/body" | grep -v '"industry":"H' && fail "another section listed"
[ "$(get clerk "/api/businesses?industry=H62")" = 200 ] || fail "code prefix filter"
[ "$(field total)" = "$(q "SELECT count(*) FROM businesses WHERE industry LIKE 'H62%'")" ] || fail "code prefix total"
for t in survival growth development ineligible; do
  [ "$(get clerk "/api/businesses?type=$t&town=$(enc "$town")&per_page=200")" = 200 ] || fail "type $t"
  [ "$(field total)" = "$(q "SELECT count(*) FROM results r JOIN businesses b USING(uscc) WHERE r.run_id=1 AND r.type='$t' AND b.town='$town'")" ] ||
    fail "type $t total $(field total)"
  grep -o '"type":"[^"]*"' "$tmp/body" | grep -v "\"type\":\"$t\"" && fail "another type listed under $t"
done
[ "$(get clerk "/api/businesses?type=development")" = 200 ] || fail "type alone"
[ "$(field total)" = "$(q "SELECT count(*) FROM results WHERE run_id=1 AND type='development'")" ] || fail "type alone total"
[ "$(get clerk "/api/businesses?type=none")" = 200 ] && [ "$(field total)" = 0 ] || fail "type none: everyone is typed"
[ "$(get clerk "/api/businesses?status=revoked")" = 200 ] || fail "status filter"
[ "$(field total)" = "$(q "SELECT count(*) FROM businesses WHERE status='revoked'")" ] || fail "status total"
# Combined: name, town and section together.
[ "$(get clerk "/api/businesses?q=$FAST&town=$(enc "$town")&industry=H")" = 200 ] || fail "combined"
[ "$(field total)" = "$(q "SELECT count(*) FROM businesses WHERE name LIKE '%快餐%' AND town='$town' AND industry LIKE 'H%'")" ] ||
  fail "combined total"

# A USCC typed in lower case with spaces is found; so is a 注册号.
u=$(q "SELECT uscc FROM businesses ORDER BY uscc LIMIT 1 OFFSET 77")
spaced=$(echo "$u" | tr 'A-Z' 'a-z' | sed 's/^\(....\)\(....\)/\1 \2 /')
[ "$(get clerk "/api/businesses?q=$(enc "$spaced")")" = 200 ] || fail "spaced USCC"
[ "$(field total)" = 1 ] && [ "$(usccs)" = "$u" ] || fail "lower-case spaced USCC not found: $spaced $(cat "$tmp/body")"

# Bad parameters: 400, naming the parameter.
for p in per_page=0 per_page=201 per_page=abc page=0 page=-1 sort=town industry=Z industry=H12345 type=big status=gone; do
  [ "$(get clerk "/api/businesses?q=$FAST&$p")" = 400 ] || fail "$p accepted"
  grep -q "(${p%%=*}" "$tmp/body" || fail "$p: the message names the parameter: $(cat "$tmp/body")"
done
[ "$(get clerk "/api/businesses?per_page=200&town=$(enc "$town")")" = 200 ] || fail "per_page 200"

# The filters' options: the towns the directory holds, the sections, the types with none.
[ "$(get clerk /api/businesses/filters)" = 200 ] || fail "filters"
for t in $(q "SELECT DISTINCT town FROM businesses WHERE town IS NOT NULL"); do grep -q "\"$t\"" "$tmp/body" || fail "town $t not offered"; done
grep -q '{"code":"H","name":"住宿和餐饮业"}' "$tmp/body" || fail "section H not offered"
grep -q '"code":"none"' "$tmp/body" || fail "type none not offered"

# Roles: a department finds only businesses of its data, through filters too; a town and a bank do not search.
none=$(q "SELECT b.uscc FROM businesses b WHERE b.tax_registered=0 AND b.general_taxpayer=0 AND NOT EXISTS(SELECT 1 FROM tax_paid t WHERE t.uscc=b.uscc) AND NOT EXISTS(SELECT 1 FROM intervals i WHERE i.uscc=b.uscc AND i.list='tax_abnormal') LIMIT 1")
[ -n "$none" ] || fail "every business has tax facts"
[ "$(get tax "/api/businesses/$none")" = 404 ] || fail "the tax bureau reads a business without tax facts"
[ "$(get tax "/api/businesses?q=$none")" = 200 ] && [ "$(field total)" = 0 ] || fail "the tax bureau finds it by USCC"
ntown=$(q "SELECT town FROM businesses WHERE uscc='$none'")
get tax "/api/businesses?town=$(enc "$ntown")&per_page=200" > /dev/null
usccs | grep -qx "$none" && fail "the tax bureau finds it through a filter"
get clerk "/api/businesses?town=$(enc "$ntown")&per_page=200" > /dev/null
clerk_total=$(field total)
get tax "/api/businesses?town=$(enc "$ntown")&per_page=200" > /dev/null
[ "$(field total)" -lt "$clerk_total" ] || fail "the tax bureau's total is not narrower"
for x in $(usccs | head -5); do [ "$(get tax "/api/businesses/$x")" = 200 ] || fail "the tax bureau finds $x it cannot read"; done
[ "$(get town "/api/businesses?town=$(enc 西红门镇)")" = 403 ] || fail "a town searches"
[ "$(get town "/api/businesses?town=$(enc 黄村镇)")" = 403 ] || fail "a town searches its own town"
[ "$(get town /api/businesses/filters)" = 403 ] || fail "a town reads the filters"
[ "$(get bank "/api/businesses?town=$(enc "$town")")" = 403 ] || fail "a bank searches"
grep -q 'operator_id\|"phone"' "$tmp/body" && fail "personal data"
echo "search: ok ($n 快餐, $(q "SELECT count(*) FROM businesses") businesses)"
