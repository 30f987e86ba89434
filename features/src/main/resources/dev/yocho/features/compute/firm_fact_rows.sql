-- How many fact rows firm_facts_all.sql holds (to decide whether to hold them in memory).
SELECT (SELECT count(*) FROM statements) + (SELECT count(*) FROM monthly_trial_balances)
     + (SELECT count(*) FROM inquiries) + (SELECT count(*) FROM events)
     + (SELECT count(*) FROM guarantee_applications)
