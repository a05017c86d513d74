#!/usr/bin/env bash
# Results a person can read (issue 11 §1) over HTTP: a generated district typed and published; for a growth,
# a survival and an ineligible business the public search found by the USCC in lower case and with spaces
# gives a summary and the type's own reasons as sentences, with no digit, no missed criterion and no
# figure, while the owner's page of the same business has the figures and the missed criteria (so the
# public checks can fail). Decisions 150-153.
set -u
g=$1
. "$(dirname "$0")/lib.sh"
api_init
"$g" gen --format extracts --dir "$tmp/ex" --count 300 --seed 9 2> /dev/null || fail "gen"
"$g" import --source registration "$tmp/ex/registration.csv" > /dev/null 2>&1 || fail "import registration"
for f in "$tmp"/ex/*.csv; do
  k=$(basename "$f" .csv)
  [ "$k" = registration ] && continue
  "$g" import --source "$k" "$f" > /dev/null 2>&1 || fail "import $k"
done
"$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null 2>&1 || fail "run"
# first_of TYPE PATTERN: the first business of TYPE whose reason codes match PATTERN.
first_of() { "$g" export --year 2025 --format csv 2> /dev/null | awk -F, -v t="$1" -v p="$2" '$7==t && $8 ~ p {print $1; exit}' | tr -d '\357\273\277'; }
growth=$(first_of growth MISSED) survival=$(first_of survival MISSED) ineligible=$(first_of ineligible .)
noted=$(first_of survival NOTE)
[ -n "$growth" ] && [ -n "$survival" ] && [ -n "$ineligible" ] && [ -n "$noted" ] ||
  fail "the district lacks a type: $growth $survival $ineligible $noted"
api_serve --rate 100 --burst 100

for u in "$growth" "$survival" "$ineligible" "$noted"; do
  lower=$(echo "$u" | tr 'A-Z' 'a-z')
  spaced="${lower:0:4}%20${lower:4:4}%20${lower:8:10}"
  for q in "$lower" "$spaced"; do
    [ "$(code "$base/api/public/search?q=$q")" = 200 ] || fail "public search $q"
    python3 - "$tmp/body" "$u" <<'PY' || fail "public answer for $q"
import json, re, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
raw = open(sys.argv[1], encoding='utf-8').read()
assert d['count'] == 1 and d['results'][0]['uscc'] == sys.argv[2], 'not found: %s' % raw[:200]
years = d['results'][0]['years']
assert years, 'no published year'
assert 'MISSED' not in raw and '"missed"' not in raw and '"text"' not in raw, 'missed criteria or texts: ' + raw
for y in years:
    s = y['summary']
    assert s.startswith('%d 年度：%s。' % (y['year'], y['type_label'])), s
    assert not re.search(r'[0-9]', s[len(str(y['year'])):]), 'figure in the summary: ' + s
    assert y['reasons'], 'no reason'
    for x in y['reasons']:
        assert x['sentence'].endswith('。'), x
        assert not re.search(r'[0-9]|[一二两三四五六七八九十百千万]\s*[元人件]', x['sentence']), 'figure: ' + x['sentence']
        assert not x['code'].startswith(('MISSED.', 'NOTE.')), x
PY
  done
done

# The same businesses on the owner's page: figures and (growth, survival) the missed criteria with a gap.
n=0
for u in "$growth" "$survival" "$ineligible"; do
  n=$((n + 1))
  api_owner "owner$n" "$u"
  [ "$(code -b "$tmp/owner$n.jar" "$base/api/businesses/$u")" = 200 ] || fail "owner page $u"
  python3 - "$tmp/body" <<'PY' || fail "owner page of $u"
import json, re, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
r = d['results'][0]
assert r['summary'] and r['meaning'], r
kinds = [x['kind'] for x in r['reasons']]
full = ' '.join(x['sentence'] for x in r['reasons'])
if r['type'] in ('growth', 'survival'):
    assert 'missed' in kinds, kinds
    assert r['gap'] and r['gap']['head'].startswith('距离'), r['gap']
    missed = [x['sentence'] for x in r['reasons'] if x['kind'] == 'missed']
    assert any(re.search(r'[0-9]', s) for s in missed), missed
    assert re.search(r'[0-9]', full), full
if r['type'] == 'ineligible' and any(x['code'] != 'INELIGIBLE.STATUS' for x in r['reasons']):
    assert re.search(r'[0-9]{4}-[0-9]{2}-[0-9]{2}', full), 'no date for ineligible: ' + full
if r['type'] == 'growth':
    assert re.search(r'[0-9,]+\.[0-9]{2} 元|[0-9]+ 人', full), 'no figure for growth: ' + full
for x in r['reasons']:
    assert x['sentence'].endswith('。') and 'code' in x and 'text' in x, x  # stored members kept, ADDED ones beside
PY
done
echo "ok: public sentences without figures for $growth $survival $ineligible; the owner sees the figures"
