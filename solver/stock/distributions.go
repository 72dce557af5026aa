package stock

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// Dist is a demand distribution as the policies need it: probabilities,
// quantiles and the loss functions of loss.go.
//
// For a discrete distribution PDF is the probability mass, CDF(x) is
// P(X <= x) and Quantile(p) is the smallest support point x with
// CDF(x) >= p. Loss(x) = E[(X-x)+], ComplLoss(x) = E[(x-X)+] and
// SecondLoss(x) = ∫_x^∞ Loss(t) dt = E[((X-x)+)²]/2 for every distribution.
type Dist interface {
	Mean() float64
	StdDev() float64
	PDF(x float64) float64
	CDF(x float64) float64
	Quantile(p float64) float64
	Loss(x float64) float64
	ComplLoss(x float64) float64
	SecondLoss(x float64) float64
}

// Normal is the normal distribution with mean Mu and standard deviation Sigma.
type Normal struct{ Mu, Sigma float64 }

// NewNormal returns the normal distribution N(mean, sd²).
func NewNormal(mean, sd float64) Normal { return Normal{Mu: mean, Sigma: sd} }

func (n Normal) Mean() float64   { return n.Mu }
func (n Normal) StdDev() float64 { return n.Sigma }
func (n Normal) PDF(x float64) float64 {
	return stdPDF((x-n.Mu)/n.Sigma) / n.Sigma
}
func (n Normal) CDF(x float64) float64 { return stdCDF((x - n.Mu) / n.Sigma) }
func (n Normal) Quantile(p float64) float64 {
	return n.Mu + n.Sigma*stdQuantile(p)
}
func (n Normal) Loss(x float64) float64 {
	if n.Sigma == 0 {
		return math.Max(n.Mu-x, 0)
	}
	return n.Sigma * stdLoss((x-n.Mu)/n.Sigma)
}
func (n Normal) ComplLoss(x float64) float64 { return n.Loss(x) + x - n.Mu }
func (n Normal) SecondLoss(x float64) float64 {
	if n.Sigma == 0 {
		d := math.Max(n.Mu-x, 0)
		return d * d / 2
	}
	return n.Sigma * n.Sigma * stdSecondLoss((x-n.Mu)/n.Sigma)
}

// Poisson is the Poisson distribution with mean Lambda.
type Poisson struct{ Lambda float64 }

// NewPoisson returns the Poisson distribution with the given mean.
func NewPoisson(mean float64) Poisson { return Poisson{Lambda: mean} }

func (d Poisson) Mean() float64   { return d.Lambda }
func (d Poisson) StdDev() float64 { return math.Sqrt(d.Lambda) }
func (d Poisson) PDF(x float64) float64 {
	if x < 0 || x != math.Floor(x) {
		return 0
	}
	return poissonPMF(int(x), d.Lambda)
}
func (d Poisson) CDF(x float64) float64 {
	if x < 0 {
		return 0
	}
	if d.Lambda == 0 {
		return 1
	}
	return mathext.GammaIncRegComp(math.Floor(x)+1, d.Lambda)
}

// survival returns P(X > x) for integer x >= 0, without cancellation.
func (d Poisson) survival(k float64) float64 {
	if k < 0 {
		return 1
	}
	if d.Lambda == 0 {
		return 0
	}
	return mathext.GammaIncReg(k+1, d.Lambda)
}

func (d Poisson) Quantile(p float64) float64 {
	if p <= 0 {
		return 0
	}
	if d.Lambda == 0 {
		return 0
	}
	if p >= 1 {
		return math.Inf(1)
	}
	return integerQuantile(d, p)
}

// integerQuantile is the smallest integer k >= 0 with CDF(k) >= p, searched
// from the normal approximation; where rounding keeps the CDF below p it
// stops 40 standard deviations above the mean.
func integerQuantile(d Dist, p float64) float64 {
	mu, sd := d.Mean(), d.StdDev()
	k := math.Max(0, math.Floor(mu+stdQuantile(p)*sd))
	top := math.Ceil(mu + 40*sd + 40)
	for k < top && d.CDF(k) < p {
		k++
	}
	for k > 0 && d.CDF(k-1) >= p {
		k--
	}
	return k
}

// Loss is E[(X-x)+] = μ·P(X > ⌊x⌋-1) − x·P(X > ⌊x⌋), exact for real x.
func (d Poisson) Loss(x float64) float64 {
	if x < 0 {
		return d.Lambda - x
	}
	m := math.Floor(x)
	return d.Lambda*d.survival(m-1) - x*d.survival(m)
}
func (d Poisson) ComplLoss(x float64) float64 {
	if x <= d.Lambda && x < 200 {
		return discreteComplLoss(d, x) // finite sum, no cancellation
	}
	return d.Loss(x) + x - d.Lambda
}
func (d Poisson) SecondLoss(x float64) float64 {
	return discreteSecondLoss(d, x)
}

// Gamma is the gamma distribution with shape Shape and scale Scale (mean
// Shape·Scale).
type Gamma struct{ Shape, Scale float64 }

func (g Gamma) Mean() float64   { return g.Shape * g.Scale }
func (g Gamma) StdDev() float64 { return math.Sqrt(g.Shape) * g.Scale }
func (g Gamma) PDF(x float64) float64 {
	return distuv.Gamma{Alpha: g.Shape, Beta: 1 / g.Scale}.Prob(x)
}
func (g Gamma) CDF(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return mathext.GammaIncReg(g.Shape, x/g.Scale)
}

// Quantile starts from the Wilson–Hilferty approximation and refines it by
// safeguarded Newton steps on the regularised incomplete gamma function
// (a few CDF evaluations); it falls back to gonum's inversion where that
// fails to converge.
func (g Gamma) Quantile(p float64) float64 {
	if p <= 0 {
		return 0
	}
	if p >= 1 {
		return math.Inf(1)
	}
	a := g.Shape
	if a >= 0.5 {
		c := 1 / (9 * a)
		w := 1 - c + stdQuantile(p)*math.Sqrt(c)
		if w > 0 {
			t := a * w * w * w // quantile of Gamma(a, 1)
			lg, _ := math.Lgamma(a)
			for range 30 {
				// F(t) − p, from the upper tail when p > 1/2 for accuracy.
				var f float64
				if p > 0.5 {
					f = (1 - p) - mathext.GammaIncRegComp(a, t)
				} else {
					f = mathext.GammaIncReg(a, t) - p
				}
				dens := math.Exp((a-1)*math.Log(t) - t - lg)
				if dens <= 0 {
					break
				}
				step := f / dens
				next := t - step
				if next <= 0 {
					next = t / 2
				}
				if math.Abs(next-t) <= 1e-12*t {
					return next * g.Scale
				}
				t = next
			}
		}
	}
	return distuv.Gamma{Alpha: g.Shape, Beta: 1 / g.Scale}.Quantile(p)
}

// partial returns E[X^k; X > x] for k = 0, 1, 2.
func (g Gamma) partial(x float64) (m0, m1, m2 float64) {
	if x <= 0 {
		a, b := g.Shape, g.Scale
		return 1, a * b, a * (a + 1) * b * b
	}
	a, b := g.Shape, g.Scale
	t := x / b
	m0 = mathext.GammaIncRegComp(a, t)
	m1 = a * b * mathext.GammaIncRegComp(a+1, t)
	m2 = a * (a + 1) * b * b * mathext.GammaIncRegComp(a+2, t)
	return
}
func (g Gamma) Loss(x float64) float64 {
	m0, m1, _ := g.partial(x)
	return m1 - x*m0
}
func (g Gamma) ComplLoss(x float64) float64 { return g.Loss(x) + x - g.Mean() }
func (g Gamma) SecondLoss(x float64) float64 {
	m0, m1, m2 := g.partial(x)
	return math.Max(0, (m2-2*x*m1+x*x*m0)/2)
}

// LogNormal is the distribution of exp(N(Mu, Sigma²)).
type LogNormal struct{ Mu, Sigma float64 }

func (l LogNormal) Mean() float64 { return math.Exp(l.Mu + l.Sigma*l.Sigma/2) }
func (l LogNormal) StdDev() float64 {
	s2 := l.Sigma * l.Sigma
	return math.Sqrt((math.Exp(s2) - 1) * math.Exp(2*l.Mu+s2))
}
func (l LogNormal) PDF(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return stdPDF((math.Log(x)-l.Mu)/l.Sigma) / (x * l.Sigma)
}
func (l LogNormal) CDF(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return stdCDF((math.Log(x) - l.Mu) / l.Sigma)
}
func (l LogNormal) Quantile(p float64) float64 {
	return math.Exp(l.Mu + l.Sigma*stdQuantile(p))
}
func (l LogNormal) partial(x float64) (m0, m1, m2 float64) {
	s2 := l.Sigma * l.Sigma
	e1 := math.Exp(l.Mu + s2/2)
	e2 := math.Exp(2*l.Mu + 2*s2)
	if x <= 0 {
		return 1, e1, e2
	}
	lx := math.Log(x)
	m0 = stdCDF((l.Mu - lx) / l.Sigma)
	m1 = e1 * stdCDF((l.Mu+s2-lx)/l.Sigma)
	m2 = e2 * stdCDF((l.Mu+2*s2-lx)/l.Sigma)
	return
}
func (l LogNormal) Loss(x float64) float64 {
	m0, m1, _ := l.partial(x)
	return m1 - x*m0
}
func (l LogNormal) ComplLoss(x float64) float64 { return l.Loss(x) + x - l.Mean() }
func (l LogNormal) SecondLoss(x float64) float64 {
	m0, m1, m2 := l.partial(x)
	return math.Max(0, (m2-2*x*m1+x*x*m0)/2)
}

// NegBinomial is the negative binomial distribution of the number of
// failures before the R-th success with success probability P: mean
// R(1-P)/P, variance R(1-P)/P². NegBinomialFromMoments fits it to a mean and
// a standard deviation with variance > mean (overdispersed demand).
type NegBinomial struct{ R, P float64 }

// NegBinomialFromMoments returns the negative binomial with the given mean
// and standard deviation; it needs sd² > mean > 0.
func NegBinomialFromMoments(mean, sd float64) NegBinomial {
	v := sd * sd
	return NegBinomial{R: mean * mean / (v - mean), P: mean / v}
}

func (d NegBinomial) Mean() float64   { return d.R * (1 - d.P) / d.P }
func (d NegBinomial) StdDev() float64 { return math.Sqrt(d.R*(1-d.P)) / d.P }
func (d NegBinomial) PDF(x float64) float64 {
	if x < 0 || x != math.Floor(x) {
		return 0
	}
	lr, _ := math.Lgamma(x + d.R)
	lg, _ := math.Lgamma(d.R)
	lk, _ := math.Lgamma(x + 1)
	return math.Exp(lr - lg - lk + d.R*math.Log(d.P) + x*math.Log1p(-d.P))
}
func (d NegBinomial) CDF(x float64) float64 {
	if x < 0 {
		return 0
	}
	return mathext.RegIncBeta(d.R, math.Floor(x)+1, d.P)
}
func (d NegBinomial) Quantile(p float64) float64 {
	if p <= 0 {
		return 0
	}
	if p >= 1 {
		return math.Inf(1)
	}
	return integerQuantile(d, p)
}
func (d NegBinomial) Loss(x float64) float64      { return d.ComplLoss(x) - x + d.Mean() }
func (d NegBinomial) ComplLoss(x float64) float64 { return discreteComplLoss(d, x) }
func (d NegBinomial) SecondLoss(x float64) float64 {
	return discreteSecondLoss(d, x)
}

// Discrete is a distribution on finitely many points, such as a demand
// histogram or the empirical distribution of a sample.
type Discrete struct {
	vals  []float64 // ascending, distinct
	probs []float64
	cum   []float64 // cum[i] = P(X <= vals[i])
	mean  float64
	m2    float64 // E[X²]
}

// NewDiscrete returns the distribution that puts probs[i] on vals[i]. The
// probabilities must be non-negative and sum to 1 within 1e-9; repeated
// values are merged.
func NewDiscrete(vals, probs []float64) Discrete {
	idx := make([]int, len(vals))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return vals[idx[a]] < vals[idx[b]] })
	var d Discrete
	for _, i := range idx {
		if n := len(d.vals); n > 0 && d.vals[n-1] == vals[i] {
			d.probs[n-1] += probs[i]
			continue
		}
		d.vals = append(d.vals, vals[i])
		d.probs = append(d.probs, probs[i])
	}
	d.cum = make([]float64, len(d.vals))
	c := 0.0
	for i, v := range d.vals {
		c += d.probs[i]
		d.cum[i] = c
		d.mean += v * d.probs[i]
		d.m2 += v * v * d.probs[i]
	}
	return d
}

// NewEmpirical returns the empirical distribution of samples.
func NewEmpirical(samples []float64) Discrete {
	p := make([]float64, len(samples))
	for i := range p {
		p[i] = 1 / float64(len(samples))
	}
	return NewDiscrete(samples, p)
}

func (d Discrete) Mean() float64 { return d.mean }
func (d Discrete) StdDev() float64 {
	return math.Sqrt(math.Max(0, d.m2-d.mean*d.mean))
}
func (d Discrete) PDF(x float64) float64 {
	i := sort.SearchFloat64s(d.vals, x)
	if i < len(d.vals) && d.vals[i] == x {
		return d.probs[i]
	}
	return 0
}
func (d Discrete) CDF(x float64) float64 {
	i := sort.Search(len(d.vals), func(i int) bool { return d.vals[i] > x })
	if i == 0 {
		return 0
	}
	return math.Min(1, d.cum[i-1])
}
func (d Discrete) Quantile(p float64) float64 {
	for i, c := range d.cum {
		if c >= p-1e-12 {
			return d.vals[i]
		}
	}
	return d.vals[len(d.vals)-1]
}
func (d Discrete) ComplLoss(x float64) float64 {
	s := 0.0
	for i, v := range d.vals {
		if v > x {
			break
		}
		s += (x - v) * d.probs[i]
	}
	return s
}
func (d Discrete) Loss(x float64) float64 { return d.ComplLoss(x) - x + d.mean }
func (d Discrete) SecondLoss(x float64) float64 {
	s := 0.0
	for i := len(d.vals) - 1; i >= 0 && d.vals[i] > x; i-- {
		t := d.vals[i] - x
		s += t * t * d.probs[i]
	}
	return s / 2
}

// discreteComplLoss is E[(x-X)+] = Σ_{k<=x} (x-k)·P(X=k) for a distribution
// on the non-negative integers: a finite sum.
func discreteComplLoss(d Dist, x float64) float64 {
	if x < 0 {
		return 0
	}
	lo, hi := pmfRange(d)
	if x > hi {
		return x - d.Mean() // n(x) = 0: no mass beyond hi
	}
	s := 0.0
	for k := lo; k <= x; k++ {
		s += (x - k) * d.PDF(k)
	}
	return s
}

// pmfRange bounds the integers that carry non-negligible mass (beyond 60
// standard deviations, far below 1e-300 for Poisson and negative binomial
// demand).
func pmfRange(d Dist) (lo, hi float64) {
	mu, sd := d.Mean(), d.StdDev()
	return math.Max(0, math.Floor(mu-60*sd-60)), math.Ceil(mu + 60*sd + 60)
}

// discreteSecondLoss is E[((X-x)+)²]/2 for a distribution on the
// non-negative integers, from E[(X-x)²] minus the finite lower part.
func discreteSecondLoss(d Dist, x float64) float64 {
	mu, sd := d.Mean(), d.StdDev()
	lo, hi := pmfRange(d)
	if x > hi {
		return 0
	}
	total := sd*sd + (mu-x)*(mu-x)
	for k := lo; k <= x; k++ {
		total -= (x - k) * (x - k) * d.PDF(k)
	}
	return math.Max(0, total/2)
}

// poissonPMF is P(X = k) for X ~ Poisson(mu).
func poissonPMF(k int, mu float64) float64 {
	if k < 0 {
		return 0
	}
	if mu == 0 {
		if k == 0 {
			return 1
		}
		return 0
	}
	lg, _ := math.Lgamma(float64(k) + 1)
	return math.Exp(float64(k)*math.Log(mu) - mu - lg)
}

// distSpec names a distribution and its parameters on the wire.
type distSpec struct {
	// Distribution is normal (mean, sd), poisson (mean), gamma (shape,
	// scale), lognormal (mu, sigma: ln X ~ N(mu, sigma²)), negative_binomial
	// (mean, sd with sd² > mean), empirical (samples) or discrete (values,
	// probs).
	Distribution string    `json:"distribution"`
	Mean         float64   `json:"mean,omitempty"`
	SD           float64   `json:"sd,omitempty"`
	Mu           float64   `json:"mu,omitempty"`
	Sigma        float64   `json:"sigma,omitempty"`
	Shape        float64   `json:"shape,omitempty"`
	Scale        float64   `json:"scale,omitempty"`
	Samples      []float64 `json:"samples,omitempty"`
	Values       []float64 `json:"values,omitempty"`
	Probs        []float64 `json:"probs,omitempty"`
}

// build validates s and returns its distribution, or nil after recording
// violations in c.
func (s *distSpec) build(c *check) Dist {
	n := c.v.Len()
	switch s.Distribution {
	case "normal":
		c.finite("mean", s.Mean)
		c.positive("sd", s.SD)
		if c.v.Len() == n {
			return NewNormal(s.Mean, s.SD)
		}
	case "poisson":
		c.nonneg("mean", s.Mean)
		if s.Mean > 1e9 {
			c.add("mean", "must be <= 1e9 for a Poisson, got %g", s.Mean)
		}
		if c.v.Len() == n {
			return NewPoisson(s.Mean)
		}
	case "gamma":
		c.positive("shape", s.Shape)
		c.positive("scale", s.Scale)
		if c.v.Len() == n {
			return Gamma{Shape: s.Shape, Scale: s.Scale}
		}
	case "lognormal":
		c.finite("mu", s.Mu)
		c.positive("sigma", s.Sigma)
		if c.v.Len() == n {
			return LogNormal{Mu: s.Mu, Sigma: s.Sigma}
		}
	case "negative_binomial":
		c.positive("mean", s.Mean)
		c.positive("sd", s.SD)
		if s.Mean > 1e6 || s.SD > 1e6 {
			c.add("mean", "and sd must be <= 1e6 for a negative binomial, got %g and %g", s.Mean, s.SD)
		}
		if c.v.Len() == n && s.SD*s.SD <= s.Mean {
			c.add("sd", "must satisfy sd² > mean for a negative binomial, got sd %g and mean %g", s.SD, s.Mean)
		}
		if c.v.Len() == n {
			return NegBinomialFromMoments(s.Mean, s.SD)
		}
	case "empirical":
		if len(s.Samples) == 0 {
			c.add("samples", "missing required field for an empirical distribution")
		}
		c.finiteAll("samples", s.Samples)
		if c.v.Len() == n {
			return NewEmpirical(s.Samples)
		}
	case "discrete":
		if d, ok := checkPMF(c, "values", "probs", s.Values, s.Probs); ok {
			return d
		}
	default:
		c.add("distribution", "must be one of normal, poisson, gamma, lognormal, negative_binomial, empirical, discrete; got %q", s.Distribution)
	}
	return nil
}

// checkPMF validates a probability mass function given as values and probs.
func checkPMF(c *check, vf, pf string, vals, probs []float64) (Discrete, bool) {
	n := c.v.Len()
	if len(vals) == 0 {
		c.add(vf, "must list at least one value")
	}
	if len(vals) != len(probs) {
		c.add(pf, "must have as many entries as %s (%d), got %d", vf, len(vals), len(probs))
	}
	c.finiteAll(vf, vals)
	sum := 0.0
	for i, p := range probs {
		f := fmt.Sprintf("%s[%d]", pf, i)
		c.closed01(f, p)
		sum += p
	}
	if c.v.Len() == n && math.Abs(sum-1) > 1e-6 {
		c.add(pf, "must sum to 1, got %.9g", sum)
	}
	if c.v.Len() != n {
		return Discrete{}, false
	}
	return NewDiscrete(vals, probs), true
}
