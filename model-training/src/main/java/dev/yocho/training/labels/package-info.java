/**
 * Labels and sampling (DESIGN section 4): month-end snapshots of every live firm; the label is a
 * default within the following 365 days; a firm that closes within that year without defaulting
 * first is censored and left out of labelled data, though it is still scored. Labels read the
 * future by definition and are joined to features computed strictly as of each snapshot.
 */
package dev.yocho.training.labels;
