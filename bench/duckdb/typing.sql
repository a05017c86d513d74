-- The peer's typing: RULES.md A1.3 in one SQL statement over the loaded extracts, the
-- way an analyst would write it. ${R} (reference date), ${Y} (assessment year) and the
-- thresholds come from the year's parameters file; amounts are DECIMAL(18,2), exact.
CREATE OR REPLACE TABLE peer_results AS
WITH
p AS (SELECT DATE '${R}' AS r, ${Y} AS y),
ar AS (SELECT uscc, max(revenue) AS revenue, bool_or(filed_on IS NOT NULL AND filed_on <= (SELECT r FROM p)) AS filed
       FROM annual_reports WHERE year = (SELECT y - 1 FROM p) GROUP BY uscc),
tx AS (SELECT uscc, bool_or(registered) AS registered, bool_or(general) AS general,
              sum(CASE WHEN year = (SELECT y - 1 FROM p) THEN amount END) AS paid,
              bool_or(abn_from IS NOT NULL AND abn_from <= (SELECT r FROM p)
                      AND (abn_to IS NULL OR abn_to > (SELECT r FROM p))) AS abnormal
       FROM tax GROUP BY uscc),
ins AS (SELECT uscc, max(count) AS n FROM insurance WHERE year = (SELECT y - 1 FROM p) GROUP BY uscc),
lst AS (SELECT uscc, bool_or(list = 'abnormal') AS abnormal, bool_or(list = 'serious') AS serious
        FROM (SELECT 'abnormal' AS list, * FROM abnormal_list UNION ALL SELECT 'serious', * FROM serious_illegal)
        WHERE date_from <= (SELECT r FROM p) AND (date_to IS NULL OR date_to > (SELECT r FROM p)) GROUP BY uscc),
susp AS (SELECT uscc, true AS suspended FROM suspensions
         WHERE date_from <= (SELECT r FROM p) AND (date_to IS NULL OR date_to > (SELECT r FROM p))
           AND (SELECT r FROM p) < date_from + INTERVAL (${SUSPENSION_YEARS}) YEAR GROUP BY uscc),
tm AS (SELECT DISTINCT uscc FROM trademarks WHERE in_use),
pt AS (SELECT DISTINCT uscc FROM patents),
f AS (
  SELECT b.uscc, b.established, b.status, b.seasonal,
         year(b.established) = (SELECT y FROM p) AS new_this_year,
         b.established + INTERVAL (${MIN_YEARS}) YEAR <= (SELECT r FROM p) AS old_enough,
         coalesce(ar.filed, false) AS filed, ar.revenue,
         coalesce(tx.registered, false) AS tax_registered, coalesce(tx.general, false) AS general,
         coalesce(tx.paid, 0) AS paid, coalesce(tx.abnormal, false) AS tax_abnormal,
         coalesce(ins.n, 0) AS insured,
         coalesce(lst.abnormal, false) AS abnormal, coalesce(lst.serious, false) AS serious,
         coalesce(susp.suspended, false) AND NOT b.seasonal AS suspended,
         tm.uscc IS NOT NULL AS trademark, pt.uscc IS NOT NULL AS patent
  FROM registration b
  LEFT JOIN ar USING (uscc) LEFT JOIN tx USING (uscc) LEFT JOIN ins USING (uscc) LEFT JOIN lst USING (uscc)
  LEFT JOIN susp USING (uscc) LEFT JOIN tm USING (uscc) LEFT JOIN pt USING (uscc)
  WHERE b.established <= (SELECT r FROM p)
)
SELECT uscc,
  CASE
    WHEN status <> 'registered' OR (NOT filed AND NOT new_this_year) OR abnormal OR serious OR tax_abnormal OR suspended
      THEN 'ineligible'
    WHEN new_this_year THEN 'survival'
    WHEN old_enough AND tax_registered AND (revenue >= ${DEV_REVENUE} OR (general AND paid >= ${DEV_TAX})
         OR insured >= ${DEV_INSURED} OR trademark OR patent) THEN 'development'
    WHEN old_enough AND tax_registered AND (revenue >= ${GROWTH_REVENUE} OR paid >= ${GROWTH_TAX}
         OR insured BETWEEN ${GROWTH_INSURED} AND ${DEV_INSURED} - 1) THEN 'growth'
    ELSE 'survival'
  END AS type
FROM f;
