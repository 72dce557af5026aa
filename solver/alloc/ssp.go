package alloc

import (
	"context"
	"errors"
)

// SuccessiveShortestPaths returns a min-cost flow of g by successive
// shortest paths with node potentials (Ahuja, Magnanti and Orlin 1993,
// §9.7): negative-cost arcs are saturated first so that zero potentials
// are dual feasible, then each round runs Dijkstra on reduced costs from
// every node with excess until it settles a node with deficit, raises the
// potentials by the capped distances and augments along the path. It
// shares no code with NetworkSimplex and serves as its independent check;
// it needs O(augmentations · m log n) time. Negative-cost arcs must have
// finite capacity.
func SuccessiveShortestPaths(ctx context.Context, g *Network) (*Flow, error) {
	if err := g.Check(); err != nil {
		return nil, err
	}
	n, m := g.Nodes(), g.Arcs()
	flow := make([]int64, m)
	excess := append([]int64(nil), g.Supply...)
	for a := range m {
		if g.Cost[a] < 0 {
			if g.Cap[a] == Inf {
				return nil, errors.New("alloc: successive shortest paths needs finite capacity on negative-cost arcs")
			}
			flow[a] = g.Cap[a]
			excess[g.Tail[a]] -= g.Cap[a]
			excess[g.Head[a]] += g.Cap[a]
		}
	}
	// Residual edges: 2a forward, 2a+1 backward; CSR adjacency by tail.
	start := make([]int32, n+1)
	for a := range m {
		start[g.Tail[a]+1]++
		start[g.Head[a]+1]++
	}
	for v := range n {
		start[v+1] += start[v]
	}
	adj := make([]int32, 2*m)
	fill := append([]int32(nil), start[:n]...)
	for a := range m {
		t, h := g.Tail[a], g.Head[a]
		adj[fill[t]] = int32(2 * a)
		fill[t]++
		adj[fill[h]] = int32(2*a + 1)
		fill[h]++
	}
	resid := func(e int32) int64 {
		a := e >> 1
		if e&1 == 0 {
			if g.Cap[a] == Inf {
				return Inf
			}
			return g.Cap[a] - flow[a]
		}
		return flow[a]
	}

	pi := make([]int64, n) // reduced cost c + pi[u] - pi[v] >= 0 on residual edges
	dist := make([]int64, n)
	prev := make([]int32, n)
	done := make([]bool, n)
	var h distHeap
	var rounds int64
	for {
		h.items = h.items[:0]
		for v := range n {
			dist[v] = Inf
			prev[v] = -1
			done[v] = false
			if excess[v] > 0 {
				dist[v] = 0
				h.push(0, int32(v))
			}
		}
		if len(h.items) == 0 {
			break
		}
		t := int32(-1)
		for len(h.items) > 0 {
			d, u := h.pop()
			if done[u] || d > dist[u] {
				continue
			}
			done[u] = true
			if excess[u] < 0 {
				t = u
				break
			}
			for _, e := range adj[start[u]:start[u+1]] {
				if resid(e) == 0 {
					continue
				}
				a := e >> 1
				v, c := g.Head[a], g.Cost[a]
				if e&1 == 1 {
					v, c = g.Tail[a], -c
				}
				if done[v] {
					continue
				}
				if nd := d + c + pi[u] - pi[v]; nd < dist[v] {
					dist[v] = nd
					prev[v] = e
					h.push(nd, v)
				}
			}
		}
		if t < 0 {
			return nil, ErrInfeasible
		}
		dt := dist[t]
		for v := range n {
			if done[v] {
				pi[v] += dist[v]
			} else {
				pi[v] += dt
			}
		}
		// Bottleneck and augmentation.
		delta := -excess[t]
		v := t
		for prev[v] >= 0 {
			e := prev[v]
			delta = min(delta, resid(e))
			a := e >> 1
			if e&1 == 0 {
				v = g.Tail[a]
			} else {
				v = g.Head[a]
			}
		}
		delta = min(delta, excess[v])
		for w := t; prev[w] >= 0; {
			e := prev[w]
			a := e >> 1
			if e&1 == 0 {
				flow[a] += delta
				w = g.Tail[a]
			} else {
				flow[a] -= delta
				w = g.Head[a]
			}
		}
		excess[v] -= delta
		excess[t] += delta
		rounds++
		if rounds&255 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
	}
	for _, x := range excess {
		if x != 0 {
			return nil, ErrInfeasible
		}
	}
	f := &Flow{Flow: flow, Potential: make([]int64, n), Pivots: rounds}
	for a := range m {
		f.Cost += flow[a] * g.Cost[a]
	}
	for v := range n {
		f.Potential[v] = -pi[v]
	}
	return f, nil
}

// distHeap is a binary min-heap of (distance, node) with lazy deletion.
type distHeap struct {
	items []heapItem
}

type heapItem struct {
	d int64
	v int32
}

func (h *distHeap) push(d int64, v int32) {
	h.items = append(h.items, heapItem{d, v})
	i := len(h.items) - 1
	for i > 0 {
		p := (i - 1) / 2
		if h.items[p].d <= h.items[i].d {
			break
		}
		h.items[p], h.items[i] = h.items[i], h.items[p]
		i = p
	}
}

func (h *distHeap) pop() (int64, int32) {
	top := h.items[0]
	last := len(h.items) - 1
	h.items[0] = h.items[last]
	h.items = h.items[:last]
	i := 0
	for {
		l, r, s := 2*i+1, 2*i+2, i
		if l < last && h.items[l].d < h.items[s].d {
			s = l
		}
		if r < last && h.items[r].d < h.items[s].d {
			s = r
		}
		if s == i {
			break
		}
		h.items[i], h.items[s] = h.items[s], h.items[i]
		i = s
	}
	return top.d, top.v
}
