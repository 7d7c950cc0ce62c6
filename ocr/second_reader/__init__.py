"""The second, independent reader: asterocr's line-recognition network (ONNX) run with onnxruntime.

model_files (what is pinned, where it lives) · install (setup only) · model (preprocessing, batched
inference) · ctc (greedy decoding with per-character probabilities) · crops (line crops from the view)
· vote (alignment and vote). The wiring into extraction is ocr/extraction/cross_reading.py.
"""
