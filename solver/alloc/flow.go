package alloc

import (
	"errors"
	"fmt"
	"math"
)

// Inf is the capacity of an arc without an upper bound.
const Inf int64 = math.MaxInt64

// maxCost bounds |Cost| so that artificial costs and potentials stay far
// from int64 overflow.
const maxCost int64 = 1 << 40

// Sentinel outcomes of a min-cost flow.
var (
	// ErrInfeasible: no flow meets every supply and demand within the capacities.
	ErrInfeasible = errors.New("alloc: no feasible flow")
	// ErrUnbounded: a negative-cost cycle of unbounded capacity exists.
	ErrUnbounded = errors.New("alloc: unbounded flow cost")
)

// Network is a directed graph with integer arc capacities and unit costs and
// integer node supplies (positive: supply, negative: demand). Supplies must
// sum to zero. Arcs are stored as parallel slices; parallel arcs and
// negative costs are allowed, lower bounds are zero.
type Network struct {
	Supply []int64 // per node
	Tail   []int32 // per arc
	Head   []int32
	Cap    []int64 // Inf: unbounded
	Cost   []int64
}

// NewNetwork returns a network with n nodes of zero supply and room for
// arcs arcs.
func NewNetwork(n, arcs int) *Network {
	return &Network{
		Supply: make([]int64, n),
		Tail:   make([]int32, 0, arcs),
		Head:   make([]int32, 0, arcs),
		Cap:    make([]int64, 0, arcs),
		Cost:   make([]int64, 0, arcs),
	}
}

// AddNode appends a node with the given supply and returns its index.
func (g *Network) AddNode(supply int64) int {
	g.Supply = append(g.Supply, supply)
	return len(g.Supply) - 1
}

// AddArc appends an arc and returns its index.
func (g *Network) AddArc(tail, head int, capacity, cost int64) int {
	g.Tail = append(g.Tail, int32(tail))
	g.Head = append(g.Head, int32(head))
	g.Cap = append(g.Cap, capacity)
	g.Cost = append(g.Cost, cost)
	return len(g.Tail) - 1
}

// Nodes returns the number of nodes.
func (g *Network) Nodes() int { return len(g.Supply) }

// Arcs returns the number of arcs.
func (g *Network) Arcs() int { return len(g.Tail) }

// Check reports the first structural problem of g: slices of different
// lengths, an endpoint out of range, a negative capacity, a cost beyond
// ±2^40 or supplies that do not sum to zero.
func (g *Network) Check() error {
	m := len(g.Tail)
	if len(g.Head) != m || len(g.Cap) != m || len(g.Cost) != m {
		return fmt.Errorf("alloc: network arc slices differ in length: tail %d, head %d, cap %d, cost %d",
			m, len(g.Head), len(g.Cap), len(g.Cost))
	}
	n := int32(len(g.Supply))
	for a := range m {
		if g.Tail[a] < 0 || g.Tail[a] >= n || g.Head[a] < 0 || g.Head[a] >= n {
			return fmt.Errorf("alloc: arc %d: endpoint (%d, %d) outside [0, %d)", a, g.Tail[a], g.Head[a], n)
		}
		if g.Cap[a] < 0 {
			return fmt.Errorf("alloc: arc %d: capacity must be >= 0, got %d", a, g.Cap[a])
		}
		if g.Cost[a] > maxCost || g.Cost[a] < -maxCost {
			return fmt.Errorf("alloc: arc %d: |cost| must be <= 2^40, got %d", a, g.Cost[a])
		}
	}
	var sum, abs int64
	for v, s := range g.Supply {
		if s > maxCost || s < -maxCost {
			return fmt.Errorf("alloc: node %d: |supply| must be <= 2^40, got %d", v, s)
		}
		sum += s
		abs += max(s, -s)
	}
	if sum != 0 {
		return fmt.Errorf("alloc: supplies sum to %d, want 0", sum)
	}
	if abs > maxCost {
		return fmt.Errorf("alloc: total supply %d exceeds 2^40", abs/2)
	}
	return nil
}

// Flow is an optimal flow with a dual certificate.
type Flow struct {
	Flow []int64 // per arc
	Cost int64
	// Potential holds node potentials π: the reduced cost of arc a is
	// Cost[a] − π[Tail[a]] + π[Head[a]]. The flow is optimal when every arc
	// below capacity has reduced cost ≥ 0 and every arc with flow has
	// reduced cost ≤ 0 (see CertifyOptimal).
	Potential []int64
	Pivots    int64 // simplex pivots or augmentations
}

// CertifyOptimal checks f against g independently of how f was found:
// capacity bounds, flow conservation, the reported cost, and the
// complementary slackness of the potentials, which proves optimality.
func CertifyOptimal(g *Network, f *Flow) error {
	if len(f.Flow) != g.Arcs() || len(f.Potential) != g.Nodes() {
		return fmt.Errorf("alloc: certificate has %d flows and %d potentials for %d arcs and %d nodes",
			len(f.Flow), len(f.Potential), g.Arcs(), g.Nodes())
	}
	bal := make([]int64, g.Nodes())
	copy(bal, g.Supply)
	var cost int64
	for a, x := range f.Flow {
		if x < 0 || x > g.Cap[a] {
			return fmt.Errorf("alloc: arc %d: flow %d outside [0, %d]", a, x, g.Cap[a])
		}
		t, h := g.Tail[a], g.Head[a]
		bal[t] -= x
		bal[h] += x
		cost += x * g.Cost[a]
		rc := g.Cost[a] - f.Potential[t] + f.Potential[h]
		if x < g.Cap[a] && rc < 0 {
			return fmt.Errorf("alloc: arc %d: reduced cost %d < 0 with residual capacity", a, rc)
		}
		if x > 0 && rc > 0 {
			return fmt.Errorf("alloc: arc %d: reduced cost %d > 0 with flow %d", a, rc, x)
		}
	}
	for v, b := range bal {
		if b != 0 {
			return fmt.Errorf("alloc: node %d: flow imbalance %d", v, b)
		}
	}
	if cost != f.Cost {
		return fmt.Errorf("alloc: reported cost %d, recomputed %d", f.Cost, cost)
	}
	return nil
}
