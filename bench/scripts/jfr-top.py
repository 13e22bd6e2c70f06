import sys, re, collections
# Aggregates JFR CPU samples: by thread (digits folded), top frame, first Patchbay frame and inclusive frame.
#   jfr print --events jdk.ExecutionSample,jdk.NativeMethodSample --stack-depth 60 X.jfr > samples.txt
#   python3 bench/scripts/jfr-top.py samples.txt [rows]
text = open(sys.argv[1]).read()
events = re.split(r'\njdk\.(?:ExecutionSample|NativeMethodSample)', text)
top = collections.Counter(); pb = collections.Counter(); thr = collections.Counter(); incl = collections.Counter()
n = 0
for e in events:
    frames = re.findall(r'^\s+([\w$.<>/]+\([^)]*\))\s+line:', e, re.M)
    if not frames: continue
    n += 1
    t = re.search(r'sampledThread = "([^"]+)"', e)
    tn = re.sub(r'\d+', 'N', t.group(1)) if t else '?'
    thr[tn] += 1
    top[frames[0].split('(')[0]] += 1
    first = next((f.split('(')[0] for f in frames if 'dev.patchbay' in f), None)
    pb[first] += 1
    seen = set()
    for f in frames:
        m = f.split('(')[0]
        if m not in seen:
            seen.add(m); incl[m] += 1
print('samples', n)
for name, c in (('threads', thr), ('top frames', top), ('first patchbay frame', pb), ('inclusive', incl)):
    print('==', name)
    for k, v in c.most_common(int(sys.argv[2]) if len(sys.argv) > 2 else 25):
        print('%5d %5.1f%% %s' % (v, 100.0 * v / n, k))
