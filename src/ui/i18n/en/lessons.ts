/** English messages of the "lessons" namespace (the reference catalogue: zh-CN must have the same keys). */
export const lessons = {
  menu: {
    label: 'Lesson',
    none: 'Choose a lesson…',
    hint: 'A lesson explains one idea and sets up the experiment for it; nothing starts until you press Start.',
  },
  card: {
    close: 'Close lesson',
    part: 'Part {{n}}: {{label}}',
    applied: 'Part {{n}} applied: press Start to run it.',
    locked: 'Stop the run (or wait for it to end) to apply a part.',
    focus_explorer: 'Look at: the temperature explorer.',
    focus_bias: 'Look at: the bias-correction panel.',
    focus_boundaries: 'Look at: the decision boundaries.',
  },
  temperature: {
    title: 'What is temperature?',
    explanation:
      "A network's logits become probabilities through a softmax. Dividing the logits by a temperature T before the softmax flattens them: at T = 1 the teacher is almost certain, at higher T the wrong classes get visible probability, and the ranking among them (which wrong answers look alike) is the \"dark knowledge\" a student can learn from. Run the spiral, then move T in the temperature explorer and watch the teacher's soft targets spread out.",
    part1: 'Spiral, a quick run at T = 4',
  },
  distillVsScratch: {
    title: 'Does distillation beat training from scratch?',
    explanation:
      'The lesson is both halves. Part 1: a CNN teacher learns from all training digits; an unregularised 784→800→800→10 student then learns from only 1,000 digits, once from the labels alone and once distilled at T = 20, α = 0.9, over 3 seeds. The big student overfits its 1,000 labels, and the soft targets act as its regulariser: distillation wins on every seed. Part 2 repeats this with a tiny 784→32→10 student, which is too small to absorb what the teacher knows: distillation gains little or nothing. Whether it helps depends on the student having room to learn. Part 3 is the studio’s own contrast: its default run shows the students only 60 of the spiral’s training points (the teacher sees them all) and distillation wins; when both students see every point, the labels alone are enough and distillation gains nothing.',
    part1: 'MNIST, 800·800 student on 1,000 digits (3 seeds)',
    part2: 'MNIST, tiny 32-unit student on 1,000 digits (3 seeds)',
    part3: 'Spiral, both students see all 1,200 points (3 seeds): no gain',
  },
  omittedDigit: {
    title: 'Hinton 2015: the omitted digit',
    explanation:
      'The students never see a single 3: every 3 is removed from their training set, while the teacher learned from all digits. The student from scratch cannot predict a class it never saw, yet the distilled student still recognises many 3s, from the soft targets alone: the teacher\'s probabilities on 8s and 5s say how much they resemble a 3. Because class 3 was never the right answer during training, its bias stays too low; raising the bias of class 3 (Hinton\'s correction) recovers most of the remaining 3s. Try it in the bias-correction panel.',
    part1: 'MNIST without any 3 in the transfer set, T = 20',
  },
  whyT2: {
    title: 'Why T²?',
    explanation:
      'The soft term compares probabilities softened by T, and its gradients shrink as 1/T²: at T = 20 they are 400 times weaker than at T = 1. Without the factor, the soft targets barely count next to the (1 − α) hard-label term, so raising T silently turns distillation off. Multiplying the soft term by T² restores its scale, so α keeps its meaning whatever T is. Run both parts (same data, seed and T = 20) and compare the distilled student\'s boundary and accuracy.',
    part1: 'T = 20 without the T² factor',
    part2: 'T = 20 with the T² factor',
  },
  logitsVsProbabilities: {
    title: 'Logits vs probabilities',
    explanation:
      "Hinton's soft term is the KL divergence between the teacher's and the student's softened probabilities. Ba & Caruana (2014) instead matched the logits directly with a squared error. At high temperature the two nearly agree (KL then behaves like matching mean-centred logits), but MSE also copies the logits' overall scale and ignores T. Run both parts, identical except for the soft term, and compare the students.",
    part1: 'KL on soft targets',
    part2: 'MSE on logits',
  },
  whichMethod: {
    title: 'Which method, and when?',
    explanation:
      "Distillation has many losses: Hinton's KL on softened probabilities, MSE on the logits, decoupled KD (DKD), KL on standardised logits and relational KD (RKD); attention transfer too, for CNN pairs. Each part compares them on the spiral: the same teacher, data, split and initial student weights, 3 seeds each, with T or β chosen on the validation split, never on test. Part 1: both students see every training point. The plain KL student has the highest mean, ahead of every other method by more than the seed-to-seed spread; MSE and DKD swing widely from seed to seed. Part 2: the students see only 60 points. In our measurement RKD had the highest mean but MSE was within its spread: no winner. Part 3: class 2 is left out of the students' set, so only the teacher's non-target knowledge can teach it; DKD, which weighs that knowledge 8 times, came out ahead. Figures move a little from one backend to another: read the verdict, not only the means.",
    part1: 'Spiral, students on every point: plain KL wins (3 seeds)',
    part2: 'Spiral, students on 60 points: no winner inside the spread',
    part3: 'Spiral, class 2 left out of the students’ set',
  },
  boundaries: {
    heading: 'Decision boundaries',
    note: "Each map colours the input plane by the model's predicted class, paler where it is less sure; dots are the test points in their true class's colour.",
    teacher: 'Teacher',
    scratch: 'Student from scratch',
    distill: 'Distilled student',
    caption: '{{model}} · epoch {{epoch}}',
    waiting: '{{model}} · not trained yet',
    description: '{{model}} decision boundary after epoch {{epoch}}: {{shares}}; paler where less confident; {{points}} test points drawn as dots.',
    share: '{{name}} {{percent}} %',
    empty: '{{model}}: no decision boundary yet.',
  },
} as const;
