package alloc

import (
	"context"
	"math"
)

// lagrangeResult is the outcome of the capacity relaxation.
type lagrangeResult struct {
	bound  float64   // the best Lagrangian bound
	lambda []float64 // its multipliers, one per agent
	best   []int32   // the best feasible assignment built, or nil
}

// capacityRelaxation maximises the Lagrangian of the capacity constraints,
//
//	L(λ) = Σ_j min_i (c_ij + λ_i w_ij) − Σ_i λ_i b_i,  λ ≥ 0,
//
// by projected subgradient steps (Polyak's step toward the best cost
// known, halved after 30 steps without a better bound). Its maximum equals
// the LP bound since each job's subproblem is integral. Every 10 steps the
// relaxed assignment (each job to its cheapest agent at prices λ) is
// repaired into a feasible one and improved by shift descent: a
// Lagrangian heuristic. Each step costs O(m·n).
func (g *gapModel) capacityRelaxation(ctx context.Context) lagrangeResult {
	m, n := g.m, g.n
	lambda := make([]float64, m)
	res := lagrangeResult{bound: math.Inf(-1), lambda: make([]float64, m)}
	a := make([]int32, n)
	load := make([]int64, m)
	sub := make([]float64, m)
	incCost := int64(math.MaxInt64)
	var rep repairer
	theta, stall := 2.0, 0
	for it := 0; it < 3000 && theta > 1e-5; it++ {
		L := 0.0
		for i := range m {
			L -= lambda[i] * float64(g.b[i])
			load[i] = 0
		}
		for j := range n {
			bi, bv := 0, math.Inf(1)
			for i := range m {
				v := float64(g.c[i*n+j]) + lambda[i]*float64(g.w[i*n+j])
				if v < bv {
					bi, bv = i, v
				}
			}
			a[j] = int32(bi)
			load[bi] += g.w[bi*n+j]
			L += bv
		}
		if L > res.bound+1e-9 {
			res.bound = L
			copy(res.lambda, lambda)
			stall = 0
		} else if stall++; stall >= 30 {
			theta /= 2
			stall = 0
		}
		if it%10 == 0 {
			if sol := rep.repair(g, a); sol != nil {
				g.shiftDescent(sol, rep.load)
				if c := g.cost(sol); c < incCost {
					incCost = c
					res.best = append(res.best[:0], sol...)
				}
			}
		}
		if float64(incCost) <= math.Ceil(res.bound-1e-7) {
			break
		}
		var norm float64
		for i := range m {
			sub[i] = float64(load[i] - g.b[i])
			if lambda[i] == 0 && sub[i] < 0 {
				sub[i] = 0
			}
			norm += sub[i] * sub[i]
		}
		if norm == 0 {
			break // the relaxed assignment is feasible and complementary: L is optimal
		}
		target := float64(incCost)
		if incCost == math.MaxInt64 {
			target = math.Abs(res.bound)*1.05 + 1
		}
		step := theta * (target - L) / norm
		for i := range m {
			lambda[i] = max(0, lambda[i]+step*sub[i])
		}
		if it%50 == 49 && ctx.Err() != nil {
			break
		}
	}
	return res
}

// repairer turns a possibly overloaded assignment into a feasible one.
type repairer struct {
	sol  []int32
	load []int64
}

// repair copies a and, while an agent is over capacity, moves off its job
// whose move to an agent with room costs least per unit of weight freed.
// It returns nil when no such move exists.
func (r *repairer) repair(g *gapModel, a []int32) []int32 {
	m, n := g.m, g.n
	r.sol = append(r.sol[:0], a...)
	r.load = grow(r.load, m)
	clear(r.load)
	for j, i := range r.sol {
		r.load[i] += g.w[int(i)*n+j]
	}
	for {
		over := -1
		var worst int64
		for i := range m {
			if d := r.load[i] - g.b[i]; d > worst {
				over, worst = i, d
			}
		}
		if over < 0 {
			return r.sol
		}
		bj, bi, bv := -1, -1, math.Inf(1)
		for j, i := range r.sol {
			if int(i) != over {
				continue
			}
			wj := float64(g.w[over*n+j])
			for k := range m {
				if k == over || r.load[k]+g.w[k*n+j] > g.b[k] {
					continue
				}
				v := float64(g.c[k*n+j]-g.c[over*n+j]) / max(wj, 1)
				if v < bv {
					bj, bi, bv = j, k, v
				}
			}
		}
		if bj < 0 {
			return nil
		}
		r.load[over] -= g.w[over*n+bj]
		r.load[bi] += g.w[bi*n+bj]
		r.sol[bj] = int32(bi)
	}
}

// shiftDescent applies improving feasible shifts (job to a cheaper agent
// with room) until none is left; load must match a.
func (g *gapModel) shiftDescent(a []int32, load []int64) {
	m, n := g.m, g.n
	for improved := true; improved; {
		improved = false
		for j := range n {
			cur := int(a[j])
			bi, bc := cur, g.c[cur*n+j]
			for i := range m {
				if c := g.c[i*n+j]; c < bc && load[i]+g.w[i*n+j] <= g.b[i] {
					bi, bc = i, c
				}
			}
			if bi != cur {
				load[cur] -= g.w[cur*n+j]
				load[bi] += g.w[bi*n+j]
				a[j] = int32(bi)
				improved = true
			}
		}
	}
}
