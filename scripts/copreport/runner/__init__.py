"""How the workflow's steps run: warm, isolated, and within hard limits.

Every step (parsing a source, rendering a report) is described by a `Request`.
In a local build the request goes to a fork server that has imported WeasyPrint,
python-docx and the templates once and forks a child per step; elsewhere (a
cluster job, or when no server can start) the step runs in a process of its own.
Either way the step runs in its own process under a wall-clock limit enforced
from outside it and a memory limit it cannot lift, and writes the same bytes.
"""
