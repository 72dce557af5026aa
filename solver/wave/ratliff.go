package wave

import "math"

// Exact picker routing in parallel-aisle warehouses by dynamic programming
// over the aisles, after Ratliff & Rosenthal (1983, one block) and its
// extension to two blocks by Roodbergen & de Koster (2001).
//
// A tour is a connected multigraph over the cross-aisle vertices (aisle j,
// cross aisle k) in which every vertex has even degree, except the start and
// end vertices, which have odd degree when they differ. Inside one aisle
// segment (aisle j, block b) an optimal tour uses one of six patterns
// (segOpt): nothing, one or two full traversals, a return from the top to
// the deepest pick, a return from the bottom, or returns from both ends that
// leave the largest gap between two picks unwalked. Between neighbouring
// aisles each cross-aisle segment is walked 0, 1 or 2 times.
//
// The DP sweeps the aisles left to right and keeps, for the current column
// of nc = blocks+1 cross-aisle vertices, the equivalence class of every
// partial tour: for each vertex whether it has edges, its degree parity and
// which component it belongs to. Unlike the published state tables, which
// are written out by hand for one and two blocks, the classes are generated
// by a frontier machine (machine) for any number of cross aisles and the
// column is processed one edge at a time (nc horizontal steps, then nb
// vertical steps), which keeps the branching at 3 or 6 per state. With one
// block there are 14 classes, counting those met inside a column and the
// empty and finished ones (Ratliff & Rosenthal list 7 between columns),
// with two blocks 72, three 442, four 2956. A vertex is finished when the sweep passes
// it: it must then have the wanted parity and, if it is the start or end,
// edges. A component that leaves the frontier closes the tour, which is only
// allowed when it is the only one (state done).
//
// Time O(m·(nc·3 + nb·6)·S) for m aisles and S classes, independent of the
// number of picks once segments are summarised; memory O(m·(nc+nb)·S) for
// the back pointers that rebuild the tour.

// segment patterns
const (
	optNone = iota
	optFull1
	optFull2
	optTop
	optBottom
	optGap
	nOpt
)

// machine is the class table for one number of cross aisles.
type machine struct {
	nc    int
	keys  []uint32 // class key: 4 bits per vertex (0 none, else 1+parity+2·component), doneBit
	hNext []int32  // [(k*S+s)*3+h]: class after walking h times from vertex k to its right neighbour, -1 if not allowed
	hOld  []uint8  // same index: the finished vertex has edges (bit 0), odd degree (bit 1)
	hFree []int32  // hNext restricted to moves that leave an ordinary vertex (no depot) even
	vNext []int32  // [(b*S+s)*nOpt+o]: class after pattern o in block b
	slot  []uint8  // [s*nc+k]: vertex k has edges (bit 0), odd degree (bit 1)
	comps []uint8  // [s]: components on the frontier
}

const doneBit = 1 << 30

// frontier is a decoded class.
type frontier struct {
	inc  [8]bool
	par  [8]uint8
	comp [8]uint8
	done bool
	next uint8 // next fresh component label
}

func decode(key uint32, nc int) frontier {
	var f frontier
	f.done = key&doneBit != 0
	for k := range nc {
		sv := (key >> (4 * k)) & 15
		if sv != 0 {
			f.inc[k] = true
			f.par[k] = uint8((sv - 1) & 1)
			f.comp[k] = uint8((sv - 1) >> 1)
		}
	}
	f.next = 8
	return f
}

// encode relabels components in order of first appearance and packs f.
func (f *frontier) encode(nc int) uint32 {
	var rel [32]int8
	for i := range rel {
		rel[i] = -1
	}
	var key uint32
	n := int8(0)
	for k := range nc {
		if !f.inc[k] {
			continue
		}
		c := f.comp[k]
		if rel[c] < 0 {
			rel[c] = n
			n++
		}
		key |= uint32(1+uint32(f.par[k])+2*uint32(rel[c])) << (4 * k)
	}
	if f.done {
		key |= doneBit
	}
	return key
}

func (f *frontier) include(k int) {
	if !f.inc[k] {
		f.inc[k] = true
		f.par[k] = 0
		f.comp[k] = f.next
		f.next++
	}
}

func (f *frontier) merge(x, y int) {
	cx, cy := f.comp[x], f.comp[y]
	for i := range f.inc {
		if f.inc[i] && f.comp[i] == cy {
			f.comp[i] = cx
		}
	}
}

// hStep walks h times from vertex k of the current column to vertex k of
// the next one and finishes the old vertex.
func hStep(key uint32, nc, k, h int) (next uint32, ok bool, old uint8) {
	f := decode(key, nc)
	if f.done {
		return key, h == 0, 0
	}
	was := f.inc[k]
	if was || h > 0 {
		old = 1 | (f.par[k]^uint8(h&1))<<1
	}
	if h == 0 {
		if was {
			c := f.comp[k]
			f.inc[k] = false
			alive, others := false, false
			for i := range nc {
				if f.inc[i] {
					others = true
					if f.comp[i] == c {
						alive = true
					}
				}
			}
			if !alive {
				if others {
					return 0, false, old
				}
				return doneBit, true, old
			}
		}
		return f.encode(nc), true, old
	}
	if !was {
		f.inc[k] = true
		f.comp[k] = f.next
	}
	f.par[k] = uint8(h & 1)
	return f.encode(nc), true, old
}

// vStep applies pattern o to the segment between vertices b and b+1.
func vStep(key uint32, nc, b, o int) (uint32, bool) {
	f := decode(key, nc)
	if f.done {
		return key, o == optNone
	}
	switch o {
	case optFull1:
		f.include(b)
		f.include(b + 1)
		f.par[b] ^= 1
		f.par[b+1] ^= 1
		f.merge(b, b+1)
	case optFull2:
		f.include(b)
		f.include(b + 1)
		f.merge(b, b+1)
	case optTop:
		f.include(b)
	case optBottom:
		f.include(b + 1)
	case optGap:
		f.include(b)
		f.include(b + 1)
	}
	return f.encode(nc), true
}

// maxDPCross is the largest number of cross aisles the exact DP handles;
// beyond it the class count explodes and Route falls back (fallback.go).
const maxDPCross = 5

// newMachine enumerates the classes reachable from the empty frontier.
func newMachine(nc int) *machine {
	mc := &machine{nc: nc}
	index := map[uint32]int32{0: 0}
	mc.keys = []uint32{0}
	type trans struct {
		h   []int32
		ho  []uint8
		v   []int32
		key uint32
	}
	var ts []trans
	id := func(key uint32) int32 {
		if i, ok := index[key]; ok {
			return i
		}
		i := int32(len(mc.keys))
		index[key] = i
		mc.keys = append(mc.keys, key)
		return i
	}
	for s := 0; s < len(mc.keys); s++ {
		key := mc.keys[s]
		t := trans{key: key, h: make([]int32, nc*3), ho: make([]uint8, nc*3), v: make([]int32, (nc-1)*nOpt)}
		for k := range nc {
			for h := range 3 {
				nk, ok, old := hStep(key, nc, k, h)
				t.h[k*3+h], t.ho[k*3+h] = -1, old
				if ok {
					t.h[k*3+h] = id(nk)
				}
			}
		}
		for b := range nc - 1 {
			for o := range nOpt {
				t.v[b*nOpt+o] = -1
				if nk, ok := vStep(key, nc, b, o); ok {
					t.v[b*nOpt+o] = id(nk)
				}
			}
		}
		ts = append(ts, t)
	}
	S := len(mc.keys)
	mc.hNext = make([]int32, nc*S*3)
	mc.hOld = make([]uint8, nc*S*3)
	mc.hFree = make([]int32, nc*S*3)
	mc.vNext = make([]int32, (nc-1)*S*nOpt)
	mc.slot = make([]uint8, S*nc)
	mc.comps = make([]uint8, S)
	for s, t := range ts {
		for k := range nc {
			copy(mc.hNext[(k*S+s)*3:], t.h[k*3:k*3+3])
			copy(mc.hOld[(k*S+s)*3:], t.ho[k*3:k*3+3])
			for h := range 3 {
				i := (k*S+s)*3 + h
				mc.hFree[i] = mc.hNext[i]
				if !finishOK(mc.hOld[i], false, false) {
					mc.hFree[i] = -1
				}
			}
		}
		for b := range nc - 1 {
			copy(mc.vNext[(b*S+s)*nOpt:], t.v[b*nOpt:(b+1)*nOpt])
		}
		f := decode(t.key, nc)
		seen := uint32(0)
		for k := range nc {
			if f.inc[k] {
				mc.slot[s*nc+k] = 1 | f.par[k]<<1
				seen |= 1 << f.comp[k]
			}
		}
		for ; seen != 0; seen &= seen - 1 {
			mc.comps[s]++
		}
	}
	return mc
}

// finishOK reports whether a vertex whose final state is o (bit 0 edges,
// bit 1 odd) meets its target: edges when must, parity odd when odd.
func finishOK(o uint8, must, odd bool) bool {
	if o&1 == 0 {
		return !must && !odd
	}
	return (o>>1 == 1) == odd
}

// segment summarises the picks of one aisle segment (aisle j, block b).
type segment struct {
	n            int32
	minY, maxY   float64 // shallowest and deepest pick
	gapHi, gapLo float64 // picks on either side of the largest gap between picks
}

// dpResult holds what the sweep needs to rebuild a tour.
type dpResult struct {
	cost  float64
	final int32
}

// optimalDP runs the sweep over segs (indexed j*nb+b) and returns the
// optimal cost and the best final class; back pointers are left in w.bp.
// closed asks for a closed tour through start and end (used for bounds)
// instead of a walk from start to end.
func (w *Router) optimalDP(g *grid, mc *machine, segs []segment, closed bool) dpResult {
	S := len(mc.keys)
	nc, nb := g.nc, g.nb
	// Columns left of every pick and depot, or right of them, never help a
	// tour (shifting them inwards shortens it), so the sweep skips them.
	lo, hi := min(g.start.Aisle, g.end.Aisle), max(g.start.Aisle, g.end.Aisle)
	if len(w.sorted) > 0 {
		lo = min(lo, int(w.pts[w.sorted[0]].a))
		hi = max(hi, int(w.pts[w.sorted[len(w.sorted)-1]].a))
	}
	w.lo, w.hi = lo, hi
	steps := (hi-lo)*nc + (hi-lo+1)*nb
	w.cur = grow(w.cur, S)
	w.nxt = grow(w.nxt, S)
	w.bp = growI(w.bp, steps*S)
	cur, nxt := w.cur, w.nxt
	inf := math.Inf(1)
	for s := range cur {
		cur[s] = inf
	}
	cur[0] = 0
	sv, ev := g.startVertex, g.endVertex
	step := 0
	var oc [nOpt]float64
	var opts [nOpt]uint8
	for j := lo; j <= hi; j++ {
		if j > lo {
			for k := range nc {
				v := (j-1)*nc + k
				must := v == sv || v == ev
				odd := !closed && (v == sv) != (v == ev)
				for s := range nxt {
					nxt[s] = inf
				}
				bp := w.bp[step*S : (step+1)*S]
				hn := mc.hNext[k*S*3 : (k+1)*S*3]
				ho := mc.hOld[k*S*3 : (k+1)*S*3]
				special := must || odd
				if !special {
					hn = mc.hFree[k*S*3 : (k+1)*S*3]
				}
				for s, c := range cur {
					if c == inf {
						continue
					}
					for h := range 3 {
						t := hn[s*3+h]
						if t < 0 || special && !finishOK(ho[s*3+h], must, odd) {
							continue
						}
						if x := c + float64(h)*g.pitch; x < nxt[t] {
							nxt[t] = x
							bp[t] = int32(s)<<3 | int32(h)
						}
					}
				}
				cur, nxt = nxt, cur
				step++
			}
		}
		for b := range nb {
			sg := &segs[j*nb+b]
			yt, yb := g.crossY[b], g.crossY[b+1]
			L := yb - yt
			// the patterns allowed here, with their costs
			opts[0], oc[0] = optFull1, L
			opts[1], oc[1] = optFull2, 2*L
			no := 2
			switch {
			case sg.n == 0:
				opts[2], oc[2] = optNone, 0
				no = 3
			case sg.n == 1:
				opts[2], oc[2] = optTop, 2*(sg.maxY-yt)
				opts[3], oc[3] = optBottom, 2*(yb-sg.minY)
				no = 4
			default:
				opts[2], oc[2] = optTop, 2*(sg.maxY-yt)
				opts[3], oc[3] = optBottom, 2*(yb-sg.minY)
				opts[4], oc[4] = optGap, 2*(L-(sg.gapLo-sg.gapHi))
				no = 5
			}
			for s := range nxt {
				nxt[s] = inf
			}
			bp := w.bp[step*S : (step+1)*S]
			vn := mc.vNext[b*S*nOpt : (b+1)*S*nOpt]
			for s, c := range cur {
				if c == inf {
					continue
				}
				row := vn[s*nOpt : (s+1)*nOpt]
				for i := range no {
					o := opts[i]
					t := row[o]
					if t < 0 {
						continue
					}
					if x := c + oc[i]; x < nxt[t] {
						nxt[t] = x
						bp[t] = int32(s)<<3 | int32(o)
					}
				}
			}
			cur, nxt = nxt, cur
			step++
		}
	}
	best := dpResult{cost: inf, final: -1}
	for s, c := range cur {
		if c >= best.cost || mc.comps[s] > 1 {
			continue
		}
		ok := true
		for k := range nc {
			v := hi*nc + k
			if !finishOK(mc.slot[s*nc+k], v == sv || v == ev, !closed && (v == sv) != (v == ev)) {
				ok = false
				break
			}
		}
		if ok {
			best = dpResult{cost: c, final: int32(s)}
		}
	}
	w.cur, w.nxt = cur, nxt
	return best
}

// dpEdges rebuilds the edges of the tour that ends in class res.final.
func (w *Router) dpEdges(g *grid, mc *machine, segs []segment, res dpResult) []edge {
	S := len(mc.keys)
	nc, nb := g.nc, g.nb
	lo, hi := w.lo, w.hi
	step := (hi-lo)*nc + (hi-lo+1)*nb
	s := res.final
	edges := w.edges[:0]
	for j := hi; j >= lo; j-- {
		for b := nb - 1; b >= 0; b-- {
			step--
			p := w.bp[step*S+int(s)]
			o := int(p & 7)
			s = p >> 3
			sg := &segs[j*nb+b]
			top, bot := int32(j*nc+b), int32(j*nc+b+1)
			switch o {
			case optFull1:
				edges = append(edges, edge{u: top, v: bot, kind: eFull})
			case optFull2:
				edges = append(edges, edge{u: top, v: bot, kind: eFull}, edge{u: top, v: bot, kind: eFull})
			case optTop:
				edges = append(edges, edge{u: top, v: top, kind: eLoop, turn: sg.maxY})
			case optBottom:
				edges = append(edges, edge{u: bot, v: bot, kind: eLoop, turn: sg.minY})
			case optGap:
				edges = append(edges, edge{u: top, v: top, kind: eLoop, turn: sg.gapHi}, edge{u: bot, v: bot, kind: eLoop, turn: sg.gapLo})
			}
		}
		if j == lo {
			break
		}
		for k := nc - 1; k >= 0; k-- {
			step--
			p := w.bp[step*S+int(s)]
			h := int(p & 7)
			s = p >> 3
			for range h {
				edges = append(edges, edge{u: int32((j-1)*nc + k), v: int32(j*nc + k), kind: eCross})
			}
		}
	}
	w.edges = edges
	return edges
}

func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

func growI(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}
