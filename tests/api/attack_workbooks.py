#!/usr/bin/env python3
# Hostile workbooks for tests/api/attack_issue10.sh: python3 attack_workbooks.py KIND OUT.xlsx (KIND: ok, deep,
# sstcount, badidx, bigrow, manycols, hugestr, manystr, bomb, manyrows).
import zipfile, sys, io
CT='''<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'''
RELS='''<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'''
WB='''<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'''
WBRELS='''<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'''
NS='xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
def sheet(rows): return '<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>%s</sheetData></worksheet>' % (NS, rows)
def sst(items, count=None):
    c = count if count is not None else len(items)
    return '<?xml version="1.0" encoding="UTF-8"?><sst %s count="%s" uniqueCount="%s">%s</sst>' % (NS, c, c, ''.join('<si><t>%s</t></si>' % s for s in items))
HDR = ['统一社会信用代码','年度','参保人数']
def row(r, vals): return '<row r="%d">%s</row>' % (r, ''.join('<c r="%s%d" t="s"><v>%d</v></c>' % ('ABC'[i], r, v) for i, v in enumerate(vals)))
def write(name, sheet_xml, sst_xml):
    with zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CT); z.writestr('_rels/.rels', RELS); z.writestr('xl/workbook.xml', WB)
        z.writestr('xl/_rels/workbook.xml.rels', WBRELS); z.writestr('xl/worksheets/sheet1.xml', sheet_xml); z.writestr('xl/sharedStrings.xml', sst_xml)
base_rows = row(1, [0,1,2])
kind = sys.argv[1]; out = sys.argv[2]
if kind == 'ok':
    write(out, sheet(base_rows + row(2,[3,4,5])), sst(HDR + ['92110115MA00001014','2024','3']))
elif kind == 'deep':
    write(out, sheet(base_rows + '<row r="2">' + '<x>'*200000 + '</x>'*200000 + '</row>'), sst(HDR))
elif kind == 'hugestr':
    write(out, sheet(base_rows + row(2,[3,3,3])), sst(HDR + [' '*(300*1024*1024)]))
elif kind == 'manystr':
    write(out, sheet(base_rows), sst(HDR + ['a']*3000000))
elif kind == 'sstcount':
    write(out, sheet(base_rows), sst(HDR, count=4294967295))
elif kind == 'badidx':
    write(out, sheet(base_rows + row(2,[4000000000, 99999, 3])), sst(HDR))
elif kind == 'bomb':
    write(out, sheet(base_rows + ' '*(64*1024*1024)), sst(HDR))
elif kind == 'bigrow':
    write(out, sheet(base_rows + '<row r="1048576"><c r="XFD1048576" t="s"><v>0</v></c></row>'), sst(HDR))
elif kind == 'manycols':
    write(out, sheet(base_rows + '<row r="2">' + ''.join('<c t="s"><v>0</v></c>' for i in range(2000000)) + '</row>'), sst(HDR))
elif kind == 'manyrows':
    write(out, sheet(base_rows + ''.join('<row r="%d"><c r="A%d" t="s"><v>0</v></c></row>' % (i, i) for i in range(2, 600000))), sst(HDR))
