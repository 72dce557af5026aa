package stock

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
)

// Guaranteed-service model (Simpson 1958; Graves & Willems 2000) on a tree
// network such as supplier → grid warehouse → pickup points. Node k has
// processing time T_k, local holding cost h_k, safety factor z_k and net
// demand standard deviation σ_k (the root sum of the variances of all
// demand it serves). It quotes an outbound service time S_k and waits an
// inbound service time SI_k >= S_i for each predecessor i (>= SI_ext at a
// source); it holds safety stock z_k·σ_k·√(SI_k + T_k − S_k), and S_k <=
// S_ext at a demand node. The committed service times minimise
// Σ h_k·z_k·σ_k·√(SI_k + T_k − S_k).
//
// Algorithm (Graves & Willems, spanning trees): label the nodes by peeling
// leaves, so that each node but the last has one neighbour p(k) of higher
// label. In label order compute, for the subtree hanging from k,
// f_k(S) = min_SI c_k(S, SI) when p(k) is downstream of k, or
// g_k(SI) = min_S c_k(S, SI) when p(k) is upstream, where c_k adds k's
// holding cost to the best F_i(SI) = min_{S_i<=SI} f_i(S_i) of upstream
// subtrees and G_j(S) = min_{SI_j>=S} g_j(SI_j) of downstream subtrees. The
// last node minimises over both. Service times are integers;
// O(n·M²) with M the longest path of processing times.

// maxGSMTime bounds the longest path of processing times (the DP is
// quadratic in it) and maxGSMNodes the tree size.
const (
	maxGSMTime  = 2000
	maxGSMNodes = 5000
)

type gsmNode struct {
	Index      int     `json:"index"`
	Pred       []int   `json:"pred,omitempty"`
	Succ       []int   `json:"succ,omitempty"`
	H          float64 `json:"h"`
	T          int     `json:"T"`
	Z          float64 `json:"z"`
	SIExt      int     `json:"SI_ext,omitempty"` // inbound service time at a source
	SExt       int     `json:"S_ext,omitempty"`  // maximum outbound service time at a demand node
	DemandMean float64 `json:"demand_mean,omitempty"`
	DemandSD   float64 `json:"demand_sd,omitempty"`
}

type gsmTreeIn struct {
	Instance string    `json:"instance,omitempty"` // a label, echoed
	Nodes    []gsmNode `json:"nodes"`
}

type gsmResult struct {
	Instance    string             `json:"instance,omitempty"`
	Cost        float64            `json:"cost"`
	CST         map[string]int     `json:"cst"` // committed outbound service time by node index
	SI          map[string]int     `json:"inbound_service_time"`
	NLT         map[string]int     `json:"net_lead_time"`
	SafetyStock map[string]float64 `json:"safety_stock"`
	Sigma       map[string]float64 `json:"net_demand_sd"`
}

// gsmModel is the dense tree: nodes 0..n−1, edges i→j (i upstream of j).
type gsmModel struct {
	n     int
	index []int // node → wire index
	pred  [][]int
	succ  [][]int
	h, z  []float64
	sigma []float64
	t     []int
	siExt []int
	sExt  []int
	siMax []int
}

func gsmCompile(in *gsmTreeIn) (*gsmModel, error) {
	var c check
	n := len(in.Nodes)
	if n == 0 || n > maxGSMNodes {
		c.add("nodes", "must list 1 to %d nodes, got %d", maxGSMNodes, n)
		return nil, c.err()
	}
	m := &gsmModel{n: n, index: make([]int, n), pred: make([][]int, n), succ: make([][]int, n),
		h: make([]float64, n), z: make([]float64, n), sigma: make([]float64, n), t: make([]int, n),
		siExt: make([]int, n), sExt: make([]int, n), siMax: make([]int, n)}
	pos := map[int]int{}
	for i, nd := range in.Nodes {
		f := fmt.Sprintf("nodes[%d]", i)
		if _, dup := pos[nd.Index]; dup {
			c.add(f+".index", "duplicates index %d", nd.Index)
		}
		pos[nd.Index] = i
		m.index[i] = nd.Index
		c.nonneg(f+".h", nd.H)
		c.nonneg(f+".z", nd.Z)
		if nd.T < 0 {
			c.add(f+".T", "must be >= 0, got %d", nd.T)
		}
		if nd.SIExt < 0 {
			c.add(f+".SI_ext", "must be >= 0, got %d", nd.SIExt)
		}
		if nd.SExt < 0 {
			c.add(f+".S_ext", "must be >= 0, got %d", nd.SExt)
		}
		c.nonneg(f+".demand_mean", nd.DemandMean)
		c.nonneg(f+".demand_sd", nd.DemandSD)
		m.h[i], m.z[i], m.t[i], m.siExt[i], m.sExt[i] = nd.H, nd.Z, nd.T, nd.SIExt, nd.SExt
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	type edge struct{ from, to int }
	edges := map[edge]bool{}
	for i, nd := range in.Nodes {
		for k, p := range nd.Pred {
			j, ok := pos[p]
			if !ok {
				c.add(fmt.Sprintf("nodes[%d].pred[%d]", i, k), "names unknown node %d", p)
				continue
			}
			edges[edge{j, i}] = true
		}
		for k, s := range nd.Succ {
			j, ok := pos[s]
			if !ok {
				c.add(fmt.Sprintf("nodes[%d].succ[%d]", i, k), "names unknown node %d", s)
				continue
			}
			edges[edge{i, j}] = true
		}
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	list := make([]edge, 0, len(edges))
	for e := range edges {
		if edges[edge{e.to, e.from}] {
			c.add("nodes", "nodes %d and %d are each other's predecessor", m.index[e.from], m.index[e.to])
			return nil, c.err()
		}
		list = append(list, e)
	}
	sort.Slice(list, func(a, b int) bool {
		if list[a].from != list[b].from {
			return list[a].from < list[b].from
		}
		return list[a].to < list[b].to
	})
	for _, e := range list {
		m.succ[e.from] = append(m.succ[e.from], e.to)
		m.pred[e.to] = append(m.pred[e.to], e.from)
	}
	if len(list) != n-1 || !m.connected() {
		c.add("nodes", "must form a tree (connected, %d links for %d nodes), got %d links", n-1, n, len(list))
		return nil, c.err()
	}
	// Net demand: sum of variances of all demand downstream, own included.
	order := m.topo()
	for k := n - 1; k >= 0; k-- {
		i := order[k]
		v := in.Nodes[i].DemandSD * in.Nodes[i].DemandSD
		for _, j := range m.succ[i] {
			v += m.sigma[j] * m.sigma[j]
		}
		m.sigma[i] = math.Sqrt(v)
	}
	for _, i := range order {
		if len(m.pred[i]) == 0 {
			m.siMax[i] = m.siExt[i]
		}
		for _, p := range m.pred[i] {
			m.siMax[i] = max(m.siMax[i], m.siMax[p]+m.t[p])
		}
		if m.siMax[i]+m.t[i] > maxGSMTime {
			c.add(fmt.Sprintf("nodes[%d].T", i), "gives a path of %d periods; at most %d are supported", m.siMax[i]+m.t[i], maxGSMTime)
			return nil, c.err()
		}
	}
	work := 0.0
	for i := range n {
		work += float64(m.siMax[i]+m.t[i]+1) * float64(m.siMax[i]+1)
	}
	if work > 2e8 {
		c.add("nodes", "need %g service-time pairs; at most 2e8 are supported (shorten processing times)", work)
		return nil, c.err()
	}
	return m, nil
}

func (m *gsmModel) connected() bool {
	seen := make([]bool, m.n)
	stack := []int{0}
	seen[0] = true
	cnt := 1
	for len(stack) > 0 {
		k := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, nb := range append(append([]int(nil), m.pred[k]...), m.succ[k]...) {
			if !seen[nb] {
				seen[nb] = true
				cnt++
				stack = append(stack, nb)
			}
		}
	}
	return cnt == m.n
}

// topo returns the nodes upstream first.
func (m *gsmModel) topo() []int {
	indeg := make([]int, m.n)
	var q []int
	for i := range m.n {
		indeg[i] = len(m.pred[i])
		if indeg[i] == 0 {
			q = append(q, i)
		}
	}
	for h := 0; h < len(q); h++ {
		for _, j := range m.succ[q[h]] {
			if indeg[j]--; indeg[j] == 0 {
				q = append(q, j)
			}
		}
	}
	return q
}

func (m *gsmModel) sMax(k int) int {
	s := m.siMax[k] + m.t[k]
	if len(m.succ[k]) == 0 {
		s = min(s, m.sExt[k])
	}
	return s
}

func (m *gsmModel) siLo(k int) int {
	if len(m.pred[k]) == 0 {
		return m.siExt[k]
	}
	return 0
}

// holding is h·z·σ·√(net lead time).
func (m *gsmModel) holding(k, s, si int) float64 {
	return m.h[k] * m.z[k] * m.sigma[k] * math.Sqrt(float64(si+m.t[k]-s))
}

// solve returns optimal outbound and inbound service times and the cost.
func (m *gsmModel) solve(ctx context.Context) (S, SI []int, cost float64, err error) {
	n := m.n
	// Label by peeling leaves of the undirected tree.
	deg := make([]int, n)
	for k := range n {
		deg[k] = len(m.pred[k]) + len(m.succ[k])
	}
	labeled := make([]bool, n)
	order := make([]int, 0, n)
	parent := make([]int, n)
	for len(order) < n {
		for k := range n {
			if !labeled[k] && deg[k] <= 1 && len(order) < n {
				if len(order) == n-1 {
					labeled[k] = true
					parent[k] = -1
					order = append(order, k)
					break
				}
				labeled[k] = true
				parent[k] = -1
				for _, nb := range append(append([]int(nil), m.pred[k]...), m.succ[k]...) {
					if !labeled[nb] {
						parent[k] = nb
						deg[nb]--
					}
				}
				order = append(order, k)
			}
		}
	}
	inf := math.Inf(1)
	// best[k][x]: F_k(x) (prefix min over S <= x) or G_k(x) (suffix min over
	// SI >= x), with the arg (S, SI) achieving it.
	best := make([][]float64, n)
	argS := make([][]int, n)
	argSI := make([][]int, n)
	upstreamOf := func(k int) bool { // k is upstream of its parent
		for _, s := range m.succ[k] {
			if s == parent[k] {
				return true
			}
		}
		return false
	}
	done := make([]bool, n)
	ck := func(k, s, si int) float64 {
		if si+m.t[k]-s < 0 {
			return inf
		}
		v := m.holding(k, s, si)
		for _, i := range m.pred[k] {
			if done[i] && parent[i] == k {
				if si >= len(best[i]) {
					v += best[i][len(best[i])-1]
				} else {
					v += best[i][si]
				}
			}
		}
		for _, j := range m.succ[k] {
			if done[j] && parent[j] == k {
				if s >= len(best[j]) {
					return inf
				}
				v += best[j][s]
			}
		}
		return v
	}
	var rootS, rootSI int
	cost = inf
	for _, k := range order {
		if err := ctx.Err(); err != nil {
			return nil, nil, 0, err
		}
		smax, silo, simax := m.sMax(k), m.siLo(k), m.siMax[k]
		switch {
		case parent[k] < 0:
			for si := silo; si <= simax; si++ {
				for s := 0; s <= smax; s++ {
					if v := ck(k, s, si); v < cost {
						cost, rootS, rootSI = v, s, si
					}
				}
			}
		case upstreamOf(k):
			// f_k(S) then prefix minimum F_k(x), x = 0..len.
			top := m.siMax[parent[k]]
			best[k] = make([]float64, top+1)
			argS[k] = make([]int, top+1)
			argSI[k] = make([]int, top+1)
			bv, bs, bsi := inf, -1, -1
			for x := 0; x <= top; x++ {
				if x <= smax {
					for si := silo; si <= simax; si++ {
						if v := ck(k, x, si); v < bv {
							bv, bs, bsi = v, x, si
						}
					}
				}
				best[k][x], argS[k][x], argSI[k][x] = bv, bs, bsi
			}
		default:
			// g_k(SI) then suffix minimum G_k(x), x = 0..S_max(parent).
			top := m.sMax(parent[k])
			best[k] = make([]float64, top+1)
			argS[k] = make([]int, top+1)
			argSI[k] = make([]int, top+1)
			bv, bs, bsi := inf, -1, -1
			for x := max(top, simax); x >= 0; x-- {
				if x >= silo && x <= simax {
					for s := 0; s <= smax; s++ {
						if v := ck(k, s, x); v <= bv {
							bv, bs, bsi = v, s, x
						}
					}
				}
				if x <= top {
					best[k][x], argS[k][x], argSI[k][x] = bv, bs, bsi
				}
			}
		}
		done[k] = true
	}
	S, SI = make([]int, n), make([]int, n)
	if math.IsInf(cost, 1) {
		return S, SI, cost, nil
	}
	root := order[n-1]
	S[root], SI[root] = rootS, rootSI
	for i := n - 2; i >= 0; i-- {
		k := order[i]
		p := parent[k]
		x := S[p]
		if upstreamOf(k) {
			x = min(SI[p], len(best[k])-1)
		}
		S[k], SI[k] = argS[k][x], argSI[k][x]
	}
	return S, SI, cost, nil
}

func (m *gsmModel) result(label string, S, SI []int, cost float64) *gsmResult {
	r := &gsmResult{Instance: label, Cost: cost, CST: map[string]int{}, SI: map[string]int{}, NLT: map[string]int{},
		SafetyStock: map[string]float64{}, Sigma: map[string]float64{}}
	for k := range m.n {
		id := strconv.Itoa(m.index[k])
		nlt := SI[k] + m.t[k] - S[k]
		r.CST[id], r.SI[id], r.NLT[id] = S[k], SI[k], nlt
		r.SafetyStock[id] = m.z[k] * m.sigma[k] * math.Sqrt(float64(nlt))
		r.Sigma[id] = m.sigma[k]
	}
	return r
}

// gsmCheck recomputes the cost of service times from the model and reports
// any violated constraint; it shares nothing with solve.
func (m *gsmModel) check(S, SI []int) (float64, error) {
	cost := 0.0
	for k := range m.n {
		if S[k] < 0 {
			return 0, fmt.Errorf("node %d: negative service time %d", m.index[k], S[k])
		}
		if SI[k]+m.t[k] < S[k] {
			return 0, fmt.Errorf("node %d: negative net lead time", m.index[k])
		}
		if len(m.pred[k]) == 0 && SI[k] < m.siExt[k] {
			return 0, fmt.Errorf("node %d: inbound %d below external %d", m.index[k], SI[k], m.siExt[k])
		}
		for _, i := range m.pred[k] {
			if SI[k] < S[i] {
				return 0, fmt.Errorf("node %d: inbound %d below predecessor %d's %d", m.index[k], SI[k], m.index[i], S[i])
			}
		}
		if len(m.succ[k]) == 0 && S[k] > m.sExt[k] {
			return 0, fmt.Errorf("node %d: service %d above external %d", m.index[k], S[k], m.sExt[k])
		}
		cost += m.h[k] * m.z[k] * m.sigma[k] * math.Sqrt(float64(SI[k]+m.t[k]-S[k]))
	}
	return cost, nil
}

func gsmTree(ctx context.Context, in *gsmTreeIn) (*gsmResult, error) {
	m, err := gsmCompile(in)
	if err != nil {
		return nil, err
	}
	S, SI, cost, err := m.solve(ctx)
	if err != nil {
		return nil, err
	}
	if math.IsInf(cost, 1) {
		return nil, fmt.Errorf("stock: no feasible service times")
	}
	if chk, err := m.check(S, SI); err != nil || math.Abs(chk-cost) > 1e-9*math.Max(1, cost) {
		panic(fmt.Sprintf("stock: GSM solution fails its check (%v, cost %g vs %g)", err, chk, cost))
	}
	return m.result(in.Instance, S, SI, cost), nil
}

type gsmSerialIn struct {
	NumNodes            int       `json:"num_nodes"`
	LocalHoldingCost    []float64 `json:"local_holding_cost"` // node 1 (downstream) first
	ProcessingTime      []int     `json:"processing_time"`
	DemandBoundConstant float64   `json:"demand_bound_constant"`
	ExternalInboundCST  int       `json:"external_inbound_cst,omitempty"`
	ExternalOutboundCST int       `json:"external_outbound_cst,omitempty"`
	DemandMean          float64   `json:"demand_mean,omitempty"`
	DemandSD            float64   `json:"demand_standard_deviation"`
	NodeOrder           string    `json:"node_order,omitempty"` // a note; lists always run from node 1 (downstream)
}

func gsmSerial(ctx context.Context, in *gsmSerialIn) (*gsmResult, error) {
	var c check
	if in.NumNodes < 1 {
		c.add("num_nodes", "must be >= 1, got %d", in.NumNodes)
	}
	if len(in.LocalHoldingCost) != in.NumNodes {
		c.add("local_holding_cost", "must have num_nodes (%d) entries, got %d", in.NumNodes, len(in.LocalHoldingCost))
	}
	if len(in.ProcessingTime) != in.NumNodes {
		c.add("processing_time", "must have num_nodes (%d) entries, got %d", in.NumNodes, len(in.ProcessingTime))
	}
	c.nonneg("demand_bound_constant", in.DemandBoundConstant)
	c.nonneg("demand_mean", in.DemandMean)
	c.nonneg("demand_standard_deviation", in.DemandSD)
	if err := c.err(); err != nil {
		return nil, err
	}
	tree := &gsmTreeIn{Nodes: make([]gsmNode, in.NumNodes)}
	for k := range in.NumNodes {
		nd := gsmNode{Index: k + 1, H: in.LocalHoldingCost[k], T: in.ProcessingTime[k], Z: in.DemandBoundConstant}
		if k > 0 {
			nd.Succ = []int{k}
		}
		if k == 0 {
			nd.DemandMean, nd.DemandSD, nd.SExt = in.DemandMean, in.DemandSD, in.ExternalOutboundCST
		}
		if k == in.NumNodes-1 {
			nd.SIExt = in.ExternalInboundCST
		}
		tree.Nodes[k] = nd
	}
	return gsmTree(ctx, tree)
}
