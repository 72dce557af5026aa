package alloc

import (
	"context"
	"math"
)

// bbResult is the outcome of branch and bound.
type bbResult struct {
	best   []int32 // the best assignment known (the optimum when proved)
	bound  int64   // the root Lagrangian bound rounded up
	proved bool    // the search finished: best is optimal
	nodes  int64
}

// exactMaxCapacity bounds the capacities branch and bound accepts, since
// each node solves one knapsack of that size per agent, and
// exactMaxWork bounds jobs × the largest capacity.
const (
	exactMaxCapacity = 4000
	exactMaxWork     = 400_000
)

// exactSized reports whether g is small enough for branch and bound.
func (g *gapModel) exactSized() bool {
	var bmax int64
	for _, b := range g.b {
		bmax = max(bmax, b)
	}
	return bmax <= exactMaxCapacity && int64(g.n)*bmax <= exactMaxWork
}

// branchAndBound solves small GAPs exactly by depth-first branch and bound
// in the manner of Ross and Soland (1975): the bound relaxes the
// assignment constraints with multipliers u,
//
//	LB(u) = Σ_j u_j + Σ_i min{ Σ_j (c_ij − u_j) x_ij : Σ_j w_ij x_ij ≤ b_i },
//
// one 0-1 knapsack per agent, solved by dynamic programming over the
// capacity (O(n·b_i)). The root optimises u by subgradient steps; nodes
// keep the root's u and re-solve the knapsacks over the free jobs and
// residual capacities. A node whose knapsacks pick every free job exactly
// once is solved (its bound is attained); otherwise it branches on a job
// picked zero or several times, assigning it to each agent with room in
// order of cost. Costs are integers, so a node is pruned when its bound
// exceeds the incumbent minus one.
func (g *gapModel) branchAndBound(ctx context.Context, incumbent []int32, maxNodes int64, rootIters int) bbResult {
	res := bbResult{best: incumbent}
	if !g.exactSized() {
		return res
	}
	s := &bnb{g: g, ctx: ctx, maxNodes: maxNodes, incCost: math.MaxInt64}
	if incumbent != nil {
		s.inc = append([]int32(nil), incumbent...)
		s.incCost = g.cost(incumbent)
	}
	s.init()
	root := s.rootMultipliers(rootIters)
	res.bound = int64(math.Ceil(root - 1e-7))
	if s.incCost <= res.bound {
		res.proved = true
		return res
	}
	s.dfs()
	res.nodes = s.nodes
	if s.inc != nil {
		res.best = s.inc
	}
	res.proved = !s.aborted && s.inc != nil
	if res.proved {
		res.bound = s.incCost
	}
	return res
}

// bnb is the state of one branch-and-bound search.
type bnb struct {
	g        *gapModel
	ctx      context.Context
	maxNodes int64
	nodes    int64
	aborted  bool

	u       []float64 // multipliers of the assignment constraints
	fixed   []int32   // agent per job, -1 when free
	resid   []int64   // residual capacity per agent
	fixCost int64

	inc     []int32
	incCost int64

	// scratch, reused by every knapsack
	dp    []float64
	take  []bool // [item*(cap+1)+c]
	items []int32
	pick  []int32 // per job: how many knapsacks picked it
	pickI []int32 // per job: the last agent that picked it
}

func (s *bnb) init() {
	g := s.g
	s.u = make([]float64, g.n)
	s.fixed = make([]int32, g.n)
	s.resid = append([]int64(nil), g.b...)
	for j := range s.fixed {
		s.fixed[j] = -1
	}
	s.pick = make([]int32, g.n)
	s.pickI = make([]int32, g.n)
}

// knapsack solves agent i's subproblem over the free jobs: the most
// profit Σ (u_j − c_ij) within the residual capacity. It adds its picks to
// s.pick and returns the profit.
func (s *bnb) knapsack(i int) float64 {
	g := s.g
	n := g.n
	capa := int(s.resid[i])
	s.items = s.items[:0]
	for j := range n {
		if s.fixed[j] < 0 && g.w[i*n+j] <= int64(capa) && s.u[j]-float64(g.c[i*n+j]) > 1e-9 {
			s.items = append(s.items, int32(j))
		}
	}
	if len(s.items) == 0 {
		return 0
	}
	width := capa + 1
	s.dp = grow(s.dp, width)
	clear(s.dp)
	s.take = grow(s.take, len(s.items)*width)
	clear(s.take)
	for k, j := range s.items {
		wj := int(g.w[i*n+int(j)])
		p := s.u[j] - float64(g.c[i*n+int(j)])
		row := s.take[k*width : (k+1)*width]
		for c := capa; c >= wj; c-- {
			if v := s.dp[c-wj] + p; v > s.dp[c] {
				s.dp[c] = v
				row[c] = true
			}
		}
	}
	best := s.dp[capa]
	c := capa
	for k := len(s.items) - 1; k >= 0; k-- {
		if s.take[k*width+c] {
			j := s.items[k]
			s.pick[j]++
			s.pickI[j] = int32(i)
			c -= int(g.w[i*n+int(j)])
		}
	}
	return best
}

// bound evaluates the node: the Lagrangian bound, with s.pick filled.
func (s *bnb) bound() float64 {
	lb := float64(s.fixCost)
	for j := range s.pick {
		s.pick[j] = 0
		if s.fixed[j] < 0 {
			lb += s.u[j]
		}
	}
	for i := range s.g.m {
		lb -= s.knapsack(i)
	}
	return lb
}

// rootMultipliers maximises LB(u) at the root by subgradient steps,
// starting from u_j = the second-cheapest cost of job j, and keeps the best
// u. It returns the best bound.
func (s *bnb) rootMultipliers(iters int) float64 {
	g := s.g
	m, n := g.m, g.n
	for j := range n {
		lo, lo2 := math.Inf(1), math.Inf(1)
		for i := range m {
			c := float64(g.c[i*n+j])
			if c < lo {
				lo, lo2 = c, lo
			} else if c < lo2 {
				lo2 = c
			}
		}
		if m == 1 {
			lo2 = lo
		}
		s.u[j] = lo2
	}
	bestU := append([]float64(nil), s.u...)
	best := math.Inf(-1)
	target := float64(s.incCost)
	theta, stall := 2.0, 0
	for it := 0; it < iters && theta > 1e-4; it++ {
		lb := s.bound()
		if lb > best+1e-9 {
			best = lb
			copy(bestU, s.u)
			stall = 0
		} else if stall++; stall >= 20 {
			theta /= 2
			stall = 0
		}
		if math.Ceil(best-1e-7) >= target {
			break
		}
		var norm float64
		for j := range n {
			d := float64(1 - s.pick[j])
			norm += d * d
		}
		if norm == 0 {
			break
		}
		t := target
		if s.incCost == math.MaxInt64 {
			t = math.Abs(lb)*1.05 + 1
		}
		step := theta * (t - lb) / norm
		for j := range n {
			s.u[j] += step * float64(1-s.pick[j])
		}
		if it%20 == 19 && s.ctx.Err() != nil {
			break
		}
	}
	copy(s.u, bestU)
	return best
}

// dfs explores the current node and its subtree.
func (s *bnb) dfs() {
	if s.aborted {
		return
	}
	s.nodes++
	if s.nodes > s.maxNodes || (s.nodes&1023 == 0 && s.ctx.Err() != nil) {
		s.aborted = true
		return
	}
	g := s.g
	m, n := g.m, g.n
	lb := s.bound()
	if s.incCost != math.MaxInt64 && lb > float64(s.incCost-1)+1e-6 {
		return
	}
	// Branch on the free job picked zero or several times that is heaviest
	// on its lightest agent; none means the knapsacks form an assignment.
	bj := -1
	var bw int64 = -1
	for j := range n {
		if s.fixed[j] >= 0 || s.pick[j] == 1 {
			continue
		}
		lw := int64(math.MaxInt64)
		for i := range m {
			lw = min(lw, g.w[i*n+j])
		}
		if lw > bw {
			bj, bw = j, lw
		}
	}
	if bj < 0 {
		var c int64 = s.fixCost
		sol := make([]int32, n)
		for j := range n {
			if s.fixed[j] >= 0 {
				sol[j] = s.fixed[j]
			} else {
				sol[j] = s.pickI[j]
			}
			if s.fixed[j] < 0 {
				c += g.c[int(sol[j])*n+j]
			}
		}
		if c < s.incCost {
			s.incCost, s.inc = c, sol
		}
		return
	}
	// Children: the agent whose knapsack picked the job first (a dive that
	// follows the relaxation), then the others in order of cost.
	picked := int32(-1)
	if s.pick[bj] > 0 {
		picked = s.pickI[bj]
	}
	order := make([]int32, 0, m)
	for i := range m {
		if g.w[i*n+bj] <= s.resid[i] {
			order = append(order, int32(i))
		}
	}
	key := func(i int32) int64 {
		if i == picked {
			return math.MinInt64
		}
		return g.c[int(i)*n+bj]
	}
	for a := 1; a < len(order); a++ {
		for b := a; b > 0 && key(order[b]) < key(order[b-1]); b-- {
			order[b], order[b-1] = order[b-1], order[b]
		}
	}
	for _, i := range order {
		s.fixed[bj] = i
		s.resid[i] -= g.w[int(i)*n+bj]
		s.fixCost += g.c[int(i)*n+bj]
		s.dfs()
		s.fixCost -= g.c[int(i)*n+bj]
		s.resid[i] += g.w[int(i)*n+bj]
		s.fixed[bj] = -1
		if s.aborted {
			return
		}
	}
}
