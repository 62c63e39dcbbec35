#!/usr/bin/env python3
"""Print the statements of the master files that define caregap.agg_state and
the objects built on it: the type (sql/master/05_agg_state.sql whole), every
function whose signature names agg_state, every aggregate whose state it is,
and the comments on those aggregates.  The 1.0.0 -> 1.1.0 upgrade script
drops the 'internal'-state objects of 1.0.0 and appends this output (see the
Makefile), so the upgrade creates exactly what a fresh install does.

    python3 tools/state_objects.py sql/master/*.sql
"""
import re
import sys


def statements(text):
    """Split on ';' at the end of a line, outside $$ bodies; keep leading comments."""
    out, cur, dollar = [], [], False
    for line in text.splitlines(keepends=True):
        cur.append(line)
        if line.count('$$') % 2 == 1:
            dollar = not dollar
        if not dollar and line.rstrip().endswith(';'):
            out.append(''.join(cur))
            cur = []
    return out


def code(stmt):
    """The statement without its leading comment and blank lines."""
    return re.sub(r'^(\s*--[^\n]*\n|\s*\n)*', '', stmt)


def agg_signature(body):
    """name(type, type) of a CREATE AGGREGATE, without argument names."""
    m = re.match(r'CREATE AGGREGATE\s+@extschema@\.(\w+)\s*\((.*?)\)\s*\(', body, re.S)
    args = [a.strip().split()[-2:] for a in m.group(2).split(',')]
    types = []
    for a in m.group(2).split(','):
        words = a.split()
        # 'x double precision' -> 'double precision'; 'options @extschema@.spatial_options'
        types.append(' '.join(words[1:]) if len(words) > 1 and not words[0].startswith('@') and
                     words[0] not in ('double', 'bigint', 'text', 'integer', 'boolean', 'regclass', 'bytea')
                     else ' '.join(words))
    return m.group(1), ', '.join(types)


def main(paths):
    out, aggs = [], set()
    for path in paths:
        whole = path.endswith('05_agg_state.sql')
        for stmt in statements(open(path, encoding='utf-8').read()):
            body = code(stmt)
            if whole:
                out.append(stmt)
            elif body.startswith('CREATE AGGREGATE') and 'agg_state' in body:
                aggs.add(agg_signature(body))
                out.append(body)
            elif body.startswith('COMMENT ON AGGREGATE'):
                m = re.match(r'COMMENT ON AGGREGATE\s+@extschema@\.(\w+)\s*\((.*?)\)\s+IS', body, re.S)
                if (m.group(1), m.group(2)) in aggs:
                    out.append(body)
            elif (body.startswith('CREATE FUNCTION') or body.startswith('COMMENT ON FUNCTION')) and \
                    'agg_state' in body.split('\n', 1)[0] + body.split(')', 1)[0] + \
                    (body.split('\n')[1] if '\n' in body else ''):
                out.append(body)
    sys.stdout.write('\n'.join(s.rstrip('\n') + '\n' for s in out))


if __name__ == '__main__':
    main(sys.argv[1:])
