/**
 * The daily refresh and the tables it keeps (DESIGN section 6). {@link
 * dev.yocho.scoring.refresh.RefreshJob} computes the features of every live firm as of a date (the
 * batch path), scores each firm with the model of its data tier from the current bundle, grades
 * it on the bands (the raw grade) and publishes the grade the {@link
 * dev.yocho.scoring.refresh.GradePolicy} allows (it moves only when the evidence moves), finds the
 * firms whose published grade differs from their previous refresh, explains each move from the
 * refresh that set the grade it leaves, and
 * writes {@code grades}, {@code transitions} and {@code explanations} for that date in one
 * transaction: re-running a date replaces exactly that date, and a crash leaves either the
 * previous state or the complete new day. {@link dev.yocho.scoring.refresh.GradeStore} holds every
 * query (one SQL resource each); {@link dev.yocho.scoring.refresh.MoveLookup} answers "why did
 * this firm's grade move between two dates", reading a stored explanation when the refresh wrote
 * one and computing it otherwise; {@link dev.yocho.scoring.refresh.Stability} reports how stable
 * the published grades are (moves per firm-year, reversals within 30 days, migration matrix).
 */
package dev.yocho.scoring.refresh;
