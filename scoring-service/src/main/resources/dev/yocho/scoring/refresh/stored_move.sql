-- The stored transition of a firm at as_of from previous_as_of, with its explanation
-- (firm_id, as_of, previous_as_of).
SELECT t.grade_from, t.grade_to, t.pd_from, t.pd_to, t.model_from, t.model_to, t.tier_from,
       t.tier_to, e.catalogue_version, e.logit_from, e.logit_to, e.model_effect, e.contributions,
       e.reasons
FROM transitions t
JOIN explanations e USING (as_of, firm_id)
WHERE t.firm_id = ? AND t.as_of = CAST(? AS DATE) AND t.previous_as_of = CAST(? AS DATE)
