/**
 * What a trained model records about how it was made, in the spirit of Tribuo's {@code
 * ModelProvenance}: the algorithm and library version, every hyperparameter value, the seed, a
 * summary of the training data and the runtime. The bundle stores it beside the model.
 */
package dev.yocho.training.provenance;
