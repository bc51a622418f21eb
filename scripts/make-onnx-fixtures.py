#!/usr/bin/env python3
"""Writes the small ONNX files under tests/fixtures/onnx/ that the ONNX-teacher tests load: valid teachers in each
accepted input layout and one broken file per check. Needs Debian's python3-onnx (/usr/bin/python3); deterministic
(weights from a fixed-seed generator), so re-running it rewrites the same bytes.

    /usr/bin/python3 scripts/make-onnx-fixtures.py
"""
import os
import random

import onnx
from onnx import TensorProto, helper, numpy_helper
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), '..', 'tests', 'fixtures', 'onnx')
rng = np.random.default_rng(12)


def weights(name, shape, scale=0.05):
    return numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32), name)


def save(name, graph, opset=13, domains=()):
    imports = [helper.make_opsetid('', opset)] + [helper.make_opsetid(d, 1) for d in domains]
    model = helper.make_model(graph, producer_name='distill-studio-fixtures', opset_imports=imports)
    model.ir_version = 7
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(model.SerializeToString())


def linear(name, in_shape, classes=10, flatten=True, softmax=False, opset=13, out_type=TensorProto.FLOAT, features=784,
           extra_nodes=(), in_type=TensorProto.FLOAT, out_shape=None, nan=False):
    """input → (Flatten) → MatMul + Add → (Softmax) → output 'scores'."""
    w = weights('w', (features, classes))
    if nan:
        arr = numpy_helper.to_array(w).copy()
        arr[3, 2] = np.nan
        w = numpy_helper.from_array(arr, 'w')
    nodes = []
    x = 'input'
    if flatten:
        nodes.append(helper.make_node('Flatten', [x], ['flat'], axis=1))
        x = 'flat'
    nodes += [helper.make_node('MatMul', [x, 'w'], ['mm']), helper.make_node('Add', ['mm', 'b'], ['z'])]
    last = 'z'
    if softmax:
        nodes.append(helper.make_node('Softmax', ['z'], ['p'], axis=1))
        last = 'p'
    nodes += list(extra_nodes)
    if extra_nodes:
        last = extra_nodes[-1].output[0]
    nodes.append(helper.make_node('Identity', [last], ['scores']))
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info('input', in_type, in_shape)],
        [helper.make_tensor_value_info('scores', out_type, out_shape or ['N', classes])],
        [w, weights('b', (classes,))],
    )
    return graph


os.makedirs(OUT, exist_ok=True)

# Valid teachers (MNIST-shaped: 28×28×1, 10 classes; and 2-D points with 3 classes).
save('ok-nhwc-logits.onnx', linear('nhwc', ['N', 28, 28, 1]))
save('ok-nchw-probabilities.onnx', linear('nchw_probs', ['N', 1, 28, 28], softmax=True))
save('ok-fixed-batch-nchw.onnx', linear('fixed', [1, 1, 28, 28]))
save('ok-flat-784.onnx', linear('flat', ['N', 784], flatten=False))
save('ok-points-3.onnx', linear('points', ['N', 2], classes=3, flatten=False, features=2, ))

# One broken file per check.
with open(os.path.join(OUT, 'bad-not-onnx.onnx'), 'wb') as f:
    f.write(b'{"format": "layers-model", "modelTopology": {}}\n' * 3)
open(os.path.join(OUT, 'bad-empty.onnx'), 'wb').close()
with open(os.path.join(OUT, 'bad-no-graph.onnx'), 'wb') as f:
    m = onnx.ModelProto()
    m.ir_version = 7
    m.producer_name = 'distill-studio-fixtures'
    f.write(m.SerializeToString())
save('bad-opset-too-new.onnx', linear('new', ['N', 28, 28, 1]), opset=99)
save('bad-opset-too-old.onnx', linear('old', ['N', 28, 28, 1]), opset=1)
custom = helper.make_node('FancyRelu', ['z'], ['r'], domain='com.example')
save('bad-custom-domain.onnx', linear('custom', ['N', 28, 28, 1], extra_nodes=[custom]), domains=['com.example'])
unknown = helper.make_node('DoesNotExist', ['z'], ['r'])
save('bad-unknown-operator.onnx', linear('unknown', ['N', 28, 28, 1], extra_nodes=[unknown]))

two = linear('two_inputs', ['N', 28, 28, 1])
two.input.append(helper.make_tensor_value_info('mask', TensorProto.FLOAT, ['N', 10]))
save('bad-two-inputs.onnx', two)
save('bad-input-shape-3x32x32.onnx', linear('cifar', ['N', 3, 32, 32], features=3072))
save('bad-input-int64.onnx', linear('int_input', ['N', 784], flatten=False, in_type=TensorProto.INT64))
save('bad-five-classes.onnx', linear('five', ['N', 28, 28, 1], classes=5))
argmax = helper.make_node('ArgMax', ['z'], ['label'], axis=1, keepdims=0)
save('bad-int64-output.onnx', linear('argmax', ['N', 28, 28, 1], out_type=TensorProto.INT64, out_shape=['N'], extra_nodes=[argmax]))
unsq = helper.make_node('Unsqueeze', ['z', 'axes'], ['z3'])
rank = linear('rank3', ['N', 28, 28, 1], extra_nodes=[unsq], out_shape=['N', 10, 1])
rank.initializer.append(numpy_helper.from_array(np.array([2], dtype=np.int64), 'axes'))
save('bad-output-rank3.onnx', rank)
save('bad-nan-weights.onnx', linear('nan', ['N', 28, 28, 1], nan=True))

for name in sorted(os.listdir(OUT)):
    print(f'{name}: {os.path.getsize(os.path.join(OUT, name))} bytes')
