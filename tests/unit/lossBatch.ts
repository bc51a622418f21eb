/**
 * A two-example, three-class batch for the loss tests. By hand:
 *   row 0: z_s = [1,1,1], y = 0 → CE = ln 3 = 1.098612
 *   row 1: z_s = [2,0,-1], y = 2 → CE = ln(e² + 1 + e⁻¹) + 1 = 3.169846
 *   mean CE = 2.134229
 * KL(softmax(z_t/T) ‖ softmax(z_s/T)) was worked out in float64 for T = 1, 4, 20.
 */
export const TEACHER = [
  [2, 1, 0],
  [0.5, -1, 3],
];
/** The student's logits of the batch. */
export const STUDENT = [
  [1, 1, 1],
  [2, 0, -1],
];
/** The batch's labels. */
export const LABELS = [0, 2];
/** Mean cross-entropy of the student's logits (float64). */
export const CE = 2.1342291541121976;
/** Mean KL at T = 1, 4 and 20 (float64). */
export const KL: Record<number, number> = { 1: 1.4234451198482665, 4: 0.11524855860694391, 20: 0.004373638927151717 };
