// The experiment-independent part of the exported PyTorch script: initialisation, losses, training and report.

/** Python source of the training section (reads the settings, `load_data`, `build_teacher` and `build_student`). */
export const PYTORCH_TRAINING_CODE = `# ---------------------------------------------------------------------------
# Training
# ---------------------------------------------------------------------------
DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False


def init_like_studio(model):
    """Glorot-uniform kernels and zero biases; batch norm starts at the identity (as the studio)."""
    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            nn.init.xavier_uniform_(m.weight)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)
    return model


def count_params(model):
    """Parameters plus batch-norm running statistics (TensorFlow.js counts both)."""
    stats = sum(b.numel() for name, b in model.named_buffers() if name.endswith(("running_mean", "running_var")))
    return sum(p.numel() for p in model.parameters()) + stats


def make_optimizer(params):
    if OPTIMIZER == "adam":
        return torch.optim.Adam(params, lr=LEARNING_RATE, betas=(0.9, 0.999), eps=1e-7)
    return torch.optim.SGD(params, lr=LEARNING_RATE)


def soft_term(z_s, z_t):
    """The soft part of the distillation loss (before ALPHA)."""
    if SOFT_TERM == "kl":
        T = TEMPERATURE
        log_p_t = F.log_softmax(z_t / T, dim=1)
        log_p_s = F.log_softmax(z_s / T, dim=1)
        kl = (log_p_t.exp() * (log_p_t - log_p_s)).sum(dim=1).mean()
        return kl * T ** 2 if SCALE_BY_T2 else kl
    return F.mse_loss(z_s, z_t)  # mean over all logits


def flat_channels_last(h):
    """A hidden block's output flattened in the studio's order."""
    return h.permute(0, 2, 3, 1).flatten(1) if h.dim() == 4 else h.flatten(1)


@torch.no_grad()
def evaluate(model, x, y, batch_size=1024):
    """Test accuracy, mean cross-entropy and predicted classes."""
    model.eval()
    logits = torch.cat([model(x[i:i + batch_size].to(DEVICE)) for i in range(0, len(x), batch_size)])
    y = y.to(DEVICE)
    predictions = logits.argmax(dim=1)
    return (predictions == y).float().mean().item(), F.cross_entropy(logits, y).item(), predictions


def train_phase(name, model, step_loss, data, extra_modules=()):
    """Trains for EPOCHS epochs; every phase sees the same batches in the same order."""
    x_train, y_train, x_test, y_test = data
    params = list(model.parameters()) + [p for m in extra_modules for p in m.parameters()]
    optimizer = make_optimizer(params)
    n = len(x_train)
    start = time.perf_counter()
    step = 0
    for epoch in range(1, EPOCHS + 1):
        model.train()
        for m in extra_modules:
            m.train()
        order = torch.randperm(n, generator=torch.Generator().manual_seed(SEED * 1000 + epoch))
        running = 0.0
        for first in range(0, n, BATCH_SIZE):
            idx = order[first:first + BATCH_SIZE]
            loss = step_loss(model, x_train[idx].to(DEVICE), y_train[idx].to(DEVICE))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            step += 1
            value = loss.item()
            if not math.isfinite(value) or abs(value) > 1e6:
                raise RuntimeError(f"Loss became {value} at step {step} of {name}: try a lower learning rate.")
            running += value * len(idx)
        accuracy, test_loss, _ = evaluate(model, x_test, y_test)
        print(f"[{name}] epoch {epoch}/{EPOCHS}  train loss {running / n:.4f}  "
              f"test accuracy {100 * accuracy:.2f}%  test loss {test_loss:.4f}")
    return time.perf_counter() - start


def main():
    seed_everything(SEED)
    x_train, y_train, x_test, y_test = load_data()
    expected = INPUT_SHAPE[2:] + INPUT_SHAPE[:2] if len(INPUT_SHAPE) == 3 else INPUT_SHAPE  # images: C, H, W
    got = tuple(x_train.shape[1:])
    assert got == expected, f"load_data() returned examples of shape {got}, expected {expected} (INPUT_SHAPE {INPUT_SHAPE})"
    assert int(y_train.min()) >= 0 and int(y_train.max()) < NUM_CLASSES, "labels must be 0..NUM_CLASSES-1"
    data = (x_train, y_train, x_test, y_test)
    print(f"{DATASET}: {len(x_train)} training and {len(x_test)} test examples on {DEVICE}")

    torch.manual_seed(SEED)
    teacher = init_like_studio(build_teacher()).to(DEVICE)
    torch.manual_seed(SEED + 1)
    student_init = copy.deepcopy(init_like_studio(build_student()).state_dict())

    def hard_step(model, xb, yb):
        return F.cross_entropy(model(xb), yb)

    times = {}
    times["teacher"] = train_phase("teacher", teacher, hard_step, data)
    teacher.eval()
    for p in teacher.parameters():
        p.requires_grad_(False)

    scratch = build_student().to(DEVICE)
    scratch.load_state_dict(student_init)
    torch.manual_seed(SEED + 2)  # dropout masks
    times["scratch"] = train_phase("scratch", scratch, hard_step, data)

    distilled = build_student().to(DEVICE)
    distilled.load_state_dict(student_init)  # the same initial weights as the scratch student
    adapters = []
    if USE_HINT:
        torch.manual_seed(SEED + 3)
        adapters.append(init_like_studio(nn.Linear(HINT_STUDENT_WIDTH, HINT_TEACHER_WIDTH)).to(DEVICE))

    def distill_step(model, xb, yb):
        z_s, h_s = model(xb, with_hidden=True)
        with torch.no_grad():
            z_t, h_t = teacher(xb, with_hidden=True)
        loss = ALPHA * soft_term(z_s, z_t) + (1 - ALPHA) * F.cross_entropy(z_s, yb)
        if USE_HINT:
            guess = adapters[0](flat_channels_last(h_s[HINT_STUDENT_BLOCK]))
            loss = loss + HINT_BETA * F.mse_loss(guess, flat_channels_last(h_t[HINT_TEACHER_BLOCK]))
        return loss

    torch.manual_seed(SEED + 2)  # the same dropout masks as the scratch student
    times["distilled"] = train_phase("distill", distilled, distill_step, data, adapters)

    _, _, teacher_predictions = evaluate(teacher, x_test, y_test)
    print()
    print(f"{'model':<10} {'accuracy':>9} {'loss':>8} {'agreement':>10} {'params':>10} {'time':>8}")
    accuracy = {}
    for name, model in (("teacher", teacher), ("scratch", scratch), ("distilled", distilled)):
        acc, loss, predictions = evaluate(model, x_test, y_test)
        accuracy[name] = acc
        agreement = "-" if name == "teacher" else f"{100 * (predictions == teacher_predictions).float().mean().item():.2f}%"
        print(f"{name:<10} {100 * acc:>8.2f}% {loss:>8.4f} {agreement:>10} {count_params(model):>10} {times[name]:>7.1f}s")
    print(f"distilled - scratch: {100 * (accuracy['distilled'] - accuracy['scratch']):+.2f} points")
    torch.save(distilled.state_dict(), "distilled_student.pt")
    print("saved distilled_student.pt")


if __name__ == "__main__":
    main()`;
