#!/usr/bin/env python3
"""Learn the text reader's two models for pages saved as text (weights only
ship, in indexer/read_text.c: page_weights and title_weights).

The article extraction benchmark's pages of the design split (see
bench/article_extract.py), as lynx, w3m and html2text save them, are read
line by line. A line is article text when half of its word trigrams are in
the page's ground-truth body; a logistic regression over the line features
of read_text.c's page_chances() learns that. The headline candidates of
read_text.c's find_page_title() are labelled by bench/extract_expected.tsv
and a second model, a softmax over each page's candidates, learns to rank
them. Prints both weight vectors
and the figures on the two splits (python, not the C reader: make eval
measures the reader). The held-out split is never trained on.
Run after make eval has rendered the pages (build/extract/text).
"""
import math
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import article_extract as ae  # noqa: E402

BUL=[b'*',b'+',b'#',b'-',b'o','•'.encode(),'·'.encode(),'◦'.encode(),'▪'.encode(),'‣'.encode()]
WS=b' \t\r\n\x0b\x0c'
def bullet(l):
    s=l.lstrip(WS)
    for b in BUL:
        if s.startswith(b) and len(s)>len(b) and s[len(b):len(b)+1] in (b' ',b'\t'): return 1.0
    i=0
    while i<len(s) and 48<=s[i]<=57: i+=1
    if i>0 and s[i:i+1]==b'.' and s[i+1:i+2] in (b' ',b'\t'): return 1.0
    return 0.0
def ends(t):
    c=t[-1:]
    if c and c in b'.!?":;)': return 1.0
    if len(t)>=3 and t[-3:] in ('”'.encode(),'’'.encode()): return 1.0
    return 0.0
def feats_doc(lines):
    """lines: list of bytes. per-line feature vectors (None for blank)"""
    n=len(lines)
    T=[l.strip(WS) for l in lines]
    block=[None]*n; bl=[]
    i=0
    while i<n:
        if not T[i]: i+=1; continue
        j=i
        while j<n and T[j]: j+=1
        bl.append((i,j,sum(len(T[x]) for x in range(i,j)),sum(T[x].count(b'. ')+(T[x].endswith(b'.')) for x in range(i,j))))
        for k in range(i,j): block[k]=len(bl)-1
        i=j
    counts={}
    for t in T:
        if t: counts[t]=counts.get(t,0)+1
    ind_count={}
    for k in range(n):
        if T[k]:
            ind=len(lines[k])-len(lines[k].lstrip(WS)); ind_count[ind]=ind_count.get(ind,0)+1
    common=max(sorted(ind_count),key=lambda x:ind_count[x]) if ind_count else 0
    nonblank=[k for k in range(n) if T[k]]
    pos={k:r for r,k in enumerate(nonblank)}
    out=[]
    for k in range(n):
        t=T[k]
        if not t: out.append(None); continue
        w=t.split(); nw=len(w); L=len(t)
        alpha=sum(1 for c in t if (65<=c<=90 or 97<=c<=122 or c>=128))/L
        commas=t.count(b',')/nw
        cap=sum(1 for x in w if 65<=x[0]<=90)/nw
        digits=sum(1 for c in t if 48<=c<=57)/L
        punct=sum(1 for c in t if c in b'|[]()<>{}/\\_=*#@')/L
        b=bl[block[k]]; blines=b[1]-b[0]
        ind=len(lines[k])-len(lines[k].lstrip(WS))
        r=pos[k]; nb=nonblank[max(0,r-4):r+5]
        dens=sum(min(len(T[x]),100) for x in nb)/len(nb)/100
        out.append([1.0, math.log1p(L)/5, min(nw,30)/30, alpha, ends(t), bullet(lines[k]), min(commas,1.0),
                    cap, digits, min(punct*5,1.0), math.log1p(blines)/3, math.log1p(b[2])/8,
                    min(b[3],20)/20, 1.0 if ind!=common else 0.0, dens, 1.0 if counts[t]>1 else 0.0,
                    1.0 if L>=60 else 0.0, r/len(nonblank)])
    return out

TOK = re.compile(r"\w+")
YEAR = re.compile(rb"\b(19|20)[0-9][0-9]\b")
EXTRA = ['outdent', 'byline', 'year', 'near', 'words3to25']
NEAR = 12
def labels(lines, truth):
    tt=TOK.findall(truth.lower()); tri=set(zip(tt,tt[1:],tt[2:])); uni=set(tt)
    lab=[]
    for l in lines:
        t=TOK.findall(l.lower())
        if not l.strip(): lab.append(None); continue
        if len(t)>=3:
            g=list(zip(t,t[1:],t[2:])); lab.append(1 if sum(x in tri for x in g)/len(g)>=0.5 else 0)
        elif t:
            lab.append(1 if all(x in uni for x in t) and len(' '.join(t))>0 and (' '+' '.join(t)+' ') in (' '+' '.join(tt)+' ') else 0)
        else: lab.append(0)
    return lab

def train(X,Y,epochs=30,lr=0.5,l2=1e-4):
    d=len(X[0]); w=[0.0]*d
    idx=list(range(len(X))); random.seed(1)
    for e in range(epochs):
        random.shuffle(idx)
        for i in idx:
            x=X[i]; z=sum(a*b for a,b in zip(w,x)); p=1/(1+math.exp(-max(-30,min(30,z))))
            g=p-Y[i]
            for j in range(d): w[j]-=lr*(g*x[j]+l2*w[j])
        lr*=0.9
    return w

def sig(z): return 1/(1+math.exp(-max(-30,min(30,z))))
DECO=b'*=#'
def undeco(t):
    s=t.strip(WS); a=len(s)-len(s.lstrip(DECO)); b=len(s)-len(s.rstrip(DECO))
    return s.strip(DECO).strip(WS), (a>=2 or b>=2)
def span(p):
    best=-1e9;cur=0;st=0;fr=to=0;op=False
    for i,v in enumerate(p):
        if v is None: continue
        v-=0.35
        if not op or cur<=0: cur=v;st=i;op=True
        else: cur+=v
        if cur>best: best=cur;fr=st;to=i+1
    return fr,to
def candidates(raw):
    f=feats_doc(raw)
    p=[None if x is None else sig(sum(a*b for a,b in zip(W,x))) for x in f]
    fr,to=span(p)
    T=[l.strip(WS) for l in raw]
    prose=fr
    while prose<to and not (p[prose] is not None and p[prose]>=0.5 and len(T[prose])>=60): prose+=1
    nonblank=[i for i in range(len(raw)) if T[i]]
    ind={}
    for i in nonblank:
        d=len(raw[i])-len(raw[i].lstrip(WS)); ind[d]=ind.get(d,0)+1
    common=max(sorted(ind),key=lambda x:ind[x]) if ind else 0
    counts={}
    for i in nonblank: counts[T[i]]=counts.get(T[i],0)+1
    try: r0=nonblank.index(prose)
    except ValueError: r0=len(nonblank)
    bodyw=set(); near=set()
    for q in range(prose,min(to,prose+60)):
        if p[q] is not None and p[q]>=0.25:
            for x in T[q].lower().split():
                if len(x)>=4:
                    bodyw.add(x)
                    if q<prose+NEAR: near.add(x)
    out=[]
    for r in range(max(0,r0-40),min(len(nonblank),r0+4)):
      i=nonblank[r]
      if re.match(rb'\s*#[A-Za-z]',raw[i]): continue  # lynx's <link> lines: never the headline
      for kk in (1,2,3,4):
        if kk>1 and (r+kk-1>=len(nonblank) or nonblank[r+kk-1]!=i+kk-1): break
        ind_i=len(raw[i])-len(raw[i].lstrip(WS))
        if kk>1 and len(raw[i+kk-1])-len(raw[i+kk-1].lstrip(WS))!=ind_i: break
        parts=[undeco(raw[i+q]) for q in range(kk)]
        text=b' '.join(pp[0] for pp in parts); deco=raw[i].strip(WS).startswith(b'**') or raw[i].strip(WS).startswith(b'=='); deco_end=raw[i+kk-1].strip(WS).endswith(b'**')
        last=i+kk-1
        if len(text)<4 or len(text)>200: continue
        w=text.split(); nw=len(w); L=len(text)
        nxt=nonblank[r+kk] if r+kk<len(nonblank) else None
        prv=nonblank[r-1] if r>0 else None
        gap_before = 1.0 if prv is None or prv<i-1 else 0.0
        gap_after = 1.0 if nxt is None or nxt>last+1 else 0.0
        x=[1.0, 1.0 if deco else 0.0, 1.0 if (len(raw[i])-len(raw[i].lstrip(WS)))!=common else 0.0,
           min(nw,30)/30, 1.0 if text.endswith(b'.') else 0.0,
           sum(1 for q in w if 65<=q[0]<=90)/nw, sum(1 for c in text if 48<=c<=57)/L,
           min(5*sum(1 for c in text if c in b'|[]()<>{}/\\_=*#@')/L,1), 1.0 if counts[T[i]]>1 else 0.0,
           max(0,r0-r)/30, max(0,r-r0)/4, p[i], p[nxt] if nxt is not None else 0.0,
           bullet(raw[i]), sum(1 for c in text if (65<=c<=90 or 97<=c<=122 or c>=128))/L, math.log1p(L)/5,
           gap_before, gap_after, 1.0 if b',' in text else 0.0, (kk-1)/3, 1.0 if deco_end else 0.0, 1.0 if (prv is None or prv<i-1 or len(raw[prv])-len(raw[prv].lstrip(WS))!=ind_i) else 0.0, 1.0 if (nxt is None or nxt>last+1 or len(raw[nxt])-len(raw[nxt].lstrip(WS))!=ind_i) else 0.0, (sum(1 for q in w if len(q)>=4 and q.lower() in bodyw)/max(1,sum(1 for q in w if len(q)>=4)))]
        after=[nonblank[q] for q in range(r+kk,min(len(nonblank),r+kk+3))]
        extra={'outdent': 1.0 if ind_i<common else 0.0,
               'byline': 1.0 if any(T[q][:3].lower()==b'by ' for q in after) else 0.0,
               'year': 1.0 if any(YEAR.search(T[q]) and len(T[q])<80 for q in after) else 0.0,
               'near': sum(1 for q in w if len(q)>=4 and q.lower() in near)/max(1,sum(1 for q in w if len(q)>=4)),
               'words3to25': 1.0 if 3<=nw<=25 else 0.0}
        x+= [extra[e] for e in EXTRA]
        out.append((i,text,x))
    return out
def load(tool,part,exp):
    files=ae.render(tool,{k:v for k,v in ae.benchmark_pages().items()})
    data=[]
    for k in sorted(files):
        if ae.split_of(k)!=part or 'title' not in exp.get(k,{}): continue
        raw=open(files[k],'rb').read().split(b'\n')
        c=candidates(raw)
        want=fold(exp[k]['title'])
        data.append((k,[(i,t,x,1 if fold(t.decode('utf-8','replace'))==want else 0) for i,t,x in c]))
    return data
def train_titles(data,epochs=60,lr=0.1,l2=1e-3):
    """A softmax over each page's candidates (the headline against the
    rest of its page), trained by gradient steps page by page: the choice
    is among one page's lines, so the model ranks them."""
    d=len(data[0][1][0][2]); w=[0.0]*d
    pages=[c for _,c in data if c and any(y for *_,y in c)]
    random.seed(1)
    for e in range(epochs):
        random.shuffle(pages)
        for c in pages:
            zs=[sum(a*b for a,b in zip(w,x)) for _,_,x,_ in c]
            m=max(zs); ex=[math.exp(z-m) for z in zs]; s=sum(ex)
            ny=sum(y for *_,y in c)
            g=[0.0]*d
            for (_,_,x,y),e_ in zip(c,ex):
                coef=e_/s-(y/ny)
                for j in range(d): g[j]+=coef*x[j]
            for j in range(d): w[j]-=lr*(g[j]+l2*w[j])
        lr*=0.95
    return w
def acc(w,data):
    hit=0;reach=0
    for k,c in data:
        if any(y for *_,y in c): reach+=1
        if not c: continue
        best=max(c,key=lambda z:sum(a*b for a,b in zip(w,z[2])))
        hit+=best[3]
    return hit,reach,len(data)


def select(p, cut=0.35, keep=0.25):
    fr, to = span(p)
    return [k for k in range(fr, to) if p[k] is not None and p[k] >= keep]


fold = ae.fold
W = []


def main():
    global W
    _, evaluate = ae.scorer()
    gt = {k: v["articleBody"] for k, v in ae.json.load(open(os.path.join(ae.WORK, "benchmark", "ground-truth.json"), encoding="utf-8")).items()}
    pages = ae.benchmark_pages()
    docs = {}
    for tool in ("lynx", "w3m", "html2text"):
        files = ae.render(tool, pages)
        for k in sorted(gt):
            raw = open(files[k], "rb").read().split(b"\n")
            docs[tool, k] = raw
    X, Y = [], []
    for (tool, k), raw in docs.items():
        if ae.split_of(k) != "design":
            continue
        f = feats_doc(raw)
        y = labels([l.decode("utf-8", "replace") for l in raw], gt[k])
        for a, b in zip(f, y):
            if a is not None:
                X.append(a)
                Y.append(b or 0)
    W = train(X, Y)
    print("page_weights =", [round(v, 3) for v in W])
    for tool in ("lynx", "w3m", "html2text"):
        for part in ("design", "held-out"):
            tfs = []
            for k in sorted(gt):
                if ae.split_of(k) != part:
                    continue
                raw = docs[tool, k]
                f = feats_doc(raw)
                p = [None if x is None else sig(sum(a * b for a, b in zip(W, x))) for x in f]
                body = "\n".join(raw[i].decode("utf-8", "replace") for i in select(p))
                tfs.append(evaluate.string_shingle_matching(true=gt[k], pred=body))
            m = evaluate.metrics_from_tp_fp_fns(tfs)
            print(f"  lines {tool} {part}: F1 {m['f1']:.3f} P {m['precision']:.3f} R {m['recall']:.3f}")
    exp = ae.load_expected()
    D = {t: {part: load(t, part, exp) for part in ("design", "held-out")} for t in ("lynx", "w3m", "html2text")}
    tw = train_titles([d for t in D for d in D[t]["design"]])
    print("title_weights =", [round(v, 3) for v in tw])
    for t in D:
        for part in D[t]:
            hit, reach, n = acc(tw, D[t][part])
            print(f"  titles {t} {part}: {hit}/{n} exact ({reach} with the headline among the candidates)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
