package stock

import (
	"fmt"
	"math"
)

// Demand forecasting for replenishment: simple exponential smoothing (SES),
// Holt's linear trend, additive Holt-Winters with a day-of-week season,
// and for intermittent demand Croston's method, its bias correction SBA
// (Syntetos & Boylan 2005) and TSB (Teunter, Syntetos & Babai 2011). Each
// method returns its one-step-ahead forecast and the standard deviation σ of
// its one-step in-sample residuals, which feeds the safety stock.
//
// The run functions below are the hot path of Batch and the forecasting
// benchmark: they read a slice and allocate nothing.

// sesRun smooths y with l_1 = y_1, l_t = α·y_t + (1−α)·l_{t−1}; it returns
// the final level and the sum of squared one-step errors over t >= 2.
func sesRun(y []float64, alpha float64) (level, sse float64, n int) {
	if len(y) == 0 {
		return 0, 0, 0
	}
	level = y[0]
	for _, v := range y[1:] {
		e := v - level
		sse += e * e
		n++
		level += alpha * e
	}
	return level, sse, n
}

// holtRun is Holt's linear method with l_1 = y_1, b_1 = y_2 − y_1.
func holtRun(y []float64, alpha, beta float64) (level, trend, sse float64, n int) {
	if len(y) < 2 {
		l, s, k := sesRun(y, alpha)
		return l, 0, s, k
	}
	level, trend = y[0], y[1]-y[0]
	for _, v := range y[1:] {
		f := level + trend
		e := v - f
		sse += e * e
		n++
		nl := f + alpha*e
		trend += beta * (nl - level - trend)
		level = nl
	}
	return level, trend, sse, n
}

// hwRun is additive Holt-Winters with season length m, using season
// (len m) as workspace: on return season[i] is the seasonal index of the
// period len(y)+i (mod m). Initial level: mean of the first season; trend:
// difference of the first two season means over m (0 with one season);
// seasonal indices: first-season deviations from the level. Needs
// len(y) >= 2m.
func hwRun(y []float64, m int, alpha, beta, gamma float64, season []float64) (level, trend, sse float64, n int) {
	s1, s2 := 0.0, 0.0
	for i := range m {
		s1 += y[i]
		s2 += y[m+i]
	}
	s1 /= float64(m)
	s2 /= float64(m)
	level, trend = s1, (s2-s1)/float64(m)
	for i := range m {
		season[i] = y[i] - s1
	}
	// Level at the end of the first season.
	level = s1 + trend*float64(m-1)/2
	k := 0 // t mod m
	for t := m; t < len(y); t++ {
		f := level + trend + season[k]
		e := y[t] - f
		sse += e * e
		n++
		nl := alpha*(y[t]-season[k]) + (1-alpha)*(level+trend)
		trend = beta*(nl-level) + (1-beta)*trend
		season[k] = gamma*(y[t]-nl) + (1-gamma)*season[k]
		level = nl
		if k++; k == m {
			k = 0
		}
	}
	// Rotate so that season[0] belongs to the next period.
	r := len(y) % m
	rotateLeft(season[:m], r)
	return level, trend, sse, n
}

func rotateLeft(s []float64, r int) {
	reverse(s[:r])
	reverse(s[r:])
	reverse(s)
}

func reverse(s []float64) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// crostonRun applies Croston's method with the "naive" start used by R's
// forecast package: z_0 = the first non-zero demand, p_0 = its 1-based
// position; at each later non-zero demand y after an interval q,
// z += α(y − z) and p += α(q − p). fitted, when non-nil (len(y)), gets the
// one-step forecast z/p·bias made before each period (NaN before the first
// demand); bias is 1 for Croston and 1 − α/2 for SBA. It returns the final
// z, p and the squared one-step errors after the first demand.
func crostonRun(y []float64, alpha, bias float64, fitted []float64) (z, p, sse float64, n int) {
	first := -1
	q := 0
	for t, v := range y {
		if first >= 0 {
			f := bias * z / p
			if fitted != nil {
				fitted[t] = f
			}
			e := v - f
			sse += e * e
			n++
		} else if fitted != nil {
			fitted[t] = math.NaN()
		}
		q++
		if v == 0 {
			continue
		}
		if first < 0 {
			first = t
			z, p = v, float64(t+1)
		} else {
			z += alpha * (v - z)
			p += alpha * (float64(q) - p)
		}
		q = 0
	}
	return z, p, sse, n
}

// tsbRun is TSB: the demand probability π is smoothed every period,
// π += β(1[y>0] − π), the size z only at demands, z += α(y − z); the
// forecast is π·z. Start: z = first demand, π = 1/(its 1-based position).
func tsbRun(y []float64, alpha, beta float64) (z, prob, sse float64, n int) {
	first := -1
	for t, v := range y {
		if first >= 0 {
			e := v - prob*z
			sse += e * e
			n++
			if v > 0 {
				prob += beta * (1 - prob)
				z += alpha * (v - z)
			} else {
				prob -= beta * prob
			}
			continue
		}
		if v > 0 {
			first = t
			z, prob = v, 1/float64(t+1)
		}
	}
	return z, prob, sse, n
}

// Method names a forecasting method.
type Method string

const (
	MethodSES         Method = "ses"
	MethodHolt        Method = "holt"
	MethodHoltWinters Method = "holt_winters"
	MethodCroston     Method = "croston"
	MethodSBA         Method = "sba"
	MethodTSB         Method = "tsb"
)

// Forecast is a fitted forecast of one series.
type Forecast struct {
	Class  DemandClass `json:"class"`
	Method Method      `json:"method"`
	// Mean is the forecast demand per period for the next period; Horizon
	// holds the next periods when asked.
	Mean    float64   `json:"mean"`
	Horizon []float64 `json:"horizon,omitempty"`
	// Sigma is the standard deviation of the one-step in-sample residuals.
	Sigma float64 `json:"sigma"`
	Alpha float64 `json:"alpha"`
	Beta  float64 `json:"beta,omitempty"`
	Gamma float64 `json:"gamma,omitempty"`
	ADI   float64 `json:"adi"`
	CV2   float64 `json:"cv2"`
}

// forecaster holds a workspace for fitting series one after another.
type forecaster struct {
	season, bestSeason []float64
	m                  int
}

func newForecaster(m int) *forecaster {
	return &forecaster{season: make([]float64, m), bestSeason: make([]float64, m), m: m}
}

// aic scores a fit by n·ln(MSE) + 2k.
func aic(sse float64, n, k int) float64 {
	if n == 0 {
		return math.Inf(1)
	}
	mse := sse / float64(n)
	if mse < 1e-12 {
		mse = 1e-12
	}
	return float64(n)*math.Log(mse) + 2*float64(k)
}

// fit classifies y and fits the method its class calls for: SES, Holt or
// Holt-Winters (chosen by AIC on one-step errors) for smooth and erratic
// demand, SBA for intermittent and TSB for lumpy demand. It writes the
// next len(horizon) forecasts into horizon.
func (f *forecaster) fit(y []float64, horizon []float64) Forecast {
	alphaGrid := [...]float64{0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7}
	cl := classify(y)
	out := Forecast{Class: cl.Class, ADI: cl.ADI, CV2: cl.CV2}
	sigma := func(sse float64, n int) float64 {
		if n == 0 {
			return 0
		}
		return math.Sqrt(sse / float64(n))
	}
	switch cl.Class {
	case ClassNone:
		out.Method = MethodSES
		for i := range horizon {
			horizon[i] = 0
		}
		return out
	case ClassIntermittent:
		best, bestA := math.Inf(1), 0.0
		var bz, bp, bsse float64
		var bn int
		for _, a := range alphaGrid[:7] {
			z, p, sse, n := crostonRun(y, a, 1-a/2, nil)
			if sse < best {
				best, bestA, bz, bp, bsse, bn = sse, a, z, p, sse, n
			}
		}
		out.Method, out.Alpha = MethodSBA, bestA
		out.Mean = (1 - bestA/2) * bz / bp
		out.Sigma = sigma(bsse, bn)
	case ClassLumpy:
		best := math.Inf(1)
		var bz, bp, bsse float64
		var bn int
		for _, a := range [...]float64{0.05, 0.1, 0.2, 0.3} {
			for _, b := range [...]float64{0.02, 0.05, 0.1, 0.2} {
				z, p, sse, n := tsbRun(y, a, b)
				if sse < best {
					best, bz, bp, bsse, bn = sse, z, p, sse, n
					out.Alpha, out.Beta = a, b
				}
			}
		}
		out.Method = MethodTSB
		out.Mean = bz * bp
		out.Sigma = sigma(bsse, bn)
	default:
		bestScore := math.Inf(1)
		var bl, bsse float64
		var bn int
		for _, a := range alphaGrid {
			l, sse, n := sesRun(y, a)
			if s := aic(sse, n, 1); s < bestScore {
				bestScore, bl, bsse, bn, out.Alpha = s, l, sse, n, a
			}
		}
		out.Method, out.Mean, out.Sigma = MethodSES, bl, sigma(bsse, bn)
		for i := range horizon {
			horizon[i] = bl
		}
		// Holt-Winters with a weekly season when two seasons are present;
		// its errors start a season later, so compare on the same periods.
		if m := f.m; m > 1 && len(y) >= 3*m {
			sesScore := sesTailScore(y, out.Alpha, m)
			best := sesScore
			for _, a := range [...]float64{0.05, 0.1, 0.2, 0.4} {
				for _, g := range [...]float64{0.05, 0.15, 0.3} {
					// No trend term: trends over a few weeks of daily fresh
					// demand are left to Holt when no season is found.
					for _, b := range [...]float64{0} {
						l, tr, sse, n := hwRun(y, m, a, b, g, f.season)
						k := m + 2
						if s := aic(sse, n, k); s < best {
							best = s
							copy(f.bestSeason, f.season)
							out.Method, out.Alpha, out.Beta, out.Gamma = MethodHoltWinters, a, b, g
							out.Sigma = sigma(sse, n)
							out.Mean = l + tr + f.bestSeason[0]
							for i := range horizon {
								horizon[i] = l + float64(i+1)*tr + f.bestSeason[i%m]
							}
						}
					}
				}
			}
		}
		if out.Method == MethodSES && len(y) >= 10 {
			for _, a := range [...]float64{0.1, 0.2, 0.4} {
				for _, b := range [...]float64{0.02, 0.05, 0.1} {
					l, tr, sse, n := holtRun(y, a, b)
					if s := aic(sse, n, 2); s < bestScore-2 {
						bestScore = s
						out.Method, out.Alpha, out.Beta, out.Gamma = MethodHolt, a, b, 0
						out.Sigma = sigma(sse, n)
						out.Mean = l + tr
						for i := range horizon {
							horizon[i] = l + float64(i+1)*tr
						}
					}
				}
			}
		}
		out.Mean = math.Max(0, out.Mean)
		for i := range horizon {
			horizon[i] = math.Max(0, horizon[i])
		}
		return out
	}
	for i := range horizon {
		horizon[i] = out.Mean
	}
	return out
}

// sesTailScore is the AIC of SES errors over the periods Holt-Winters is
// scored on (from period m on), for a fair comparison.
func sesTailScore(y []float64, alpha float64, m int) float64 {
	level := y[0]
	sse, n := 0.0, 0
	for t := 1; t < len(y); t++ {
		e := y[t] - level
		if t >= m {
			sse += e * e
			n++
		}
		level += alpha * e
	}
	return aic(sse, n, 1)
}

func checkSeries(c *check, y []float64, min int) {
	if len(y) < min {
		c.add("series", "must have at least %d values, got %d", min, len(y))
	}
	for i, v := range y {
		f := fmt.Sprintf("series[%d]", i)
		if c.finite(f, v) && v < 0 {
			c.add(f, "demand must be >= 0, got %g", v)
		}
	}
}

func checkAlpha(c *check, field string, a float64) {
	if c.finite(field, a) && !(a > 0 && a <= 1) {
		c.add(field, "must be in (0, 1], got %g", a)
	}
}

type sesIn struct {
	Series []float64 `json:"series"`
	Alpha  float64   `json:"alpha"`
}

type sesResult struct {
	Level    float64 `json:"level"`
	Forecast float64 `json:"forecast"`
	Sigma    float64 `json:"sigma"`
}

func ses(in *sesIn) (*sesResult, error) {
	var c check
	checkSeries(&c, in.Series, 1)
	checkAlpha(&c, "alpha", in.Alpha)
	if err := c.err(); err != nil {
		return nil, err
	}
	l, sse, n := sesRun(in.Series, in.Alpha)
	r := &sesResult{Level: l, Forecast: l}
	if n > 0 {
		r.Sigma = math.Sqrt(sse / float64(n))
	}
	return r, nil
}

type holtIn struct {
	Series  []float64 `json:"series"`
	Alpha   float64   `json:"alpha"`
	Beta    float64   `json:"beta"`
	Horizon int       `json:"horizon,omitempty"`
}

type smoothResult struct {
	Level    float64   `json:"level"`
	Trend    float64   `json:"trend"`
	Season   []float64 `json:"season,omitempty"` // indices for the next m periods
	Forecast []float64 `json:"forecast"`
	Sigma    float64   `json:"sigma"`
}

func holt(in *holtIn) (*smoothResult, error) {
	var c check
	checkSeries(&c, in.Series, 2)
	checkAlpha(&c, "alpha", in.Alpha)
	checkAlpha(&c, "beta", in.Beta)
	checkHorizon(&c, in.Horizon)
	if err := c.err(); err != nil {
		return nil, err
	}
	l, b, sse, n := holtRun(in.Series, in.Alpha, in.Beta)
	r := &smoothResult{Level: l, Trend: b, Sigma: math.Sqrt(sse / float64(n))}
	for h := 1; h <= max(1, in.Horizon); h++ {
		r.Forecast = append(r.Forecast, l+float64(h)*b)
	}
	return r, nil
}

func checkHorizon(c *check, h int) {
	if h < 0 || h > 3650 {
		c.add("horizon", "must be in [0, 3650], got %d", h)
	}
}

type holtWintersIn struct {
	Series       []float64 `json:"series"`
	Alpha        float64   `json:"alpha"`
	Beta         float64   `json:"beta,omitempty"`
	Gamma        float64   `json:"gamma"`
	SeasonLength int       `json:"season_length,omitempty"` // 0: 7 (day of week)
	Horizon      int       `json:"horizon,omitempty"`
}

func holtWinters(in *holtWintersIn) (*smoothResult, error) {
	var c check
	m := in.SeasonLength
	if m == 0 {
		m = 7
	}
	if m < 2 || m > 366 {
		c.add("season_length", "must be in [2, 366], got %d", in.SeasonLength)
		m = 7
	}
	checkSeries(&c, in.Series, 2*m)
	checkAlpha(&c, "alpha", in.Alpha)
	if c.finite("beta", in.Beta) && !(in.Beta >= 0 && in.Beta <= 1) {
		c.add("beta", "must be in [0, 1], got %g", in.Beta)
	}
	checkAlpha(&c, "gamma", in.Gamma)
	checkHorizon(&c, in.Horizon)
	if err := c.err(); err != nil {
		return nil, err
	}
	season := make([]float64, m)
	l, b, sse, n := hwRun(in.Series, m, in.Alpha, in.Beta, in.Gamma, season)
	r := &smoothResult{Level: l, Trend: b, Season: season, Sigma: math.Sqrt(sse / float64(n))}
	for h := 1; h <= max(1, in.Horizon); h++ {
		r.Forecast = append(r.Forecast, l+float64(h)*b+season[(h-1)%m])
	}
	return r, nil
}

type crostonIn struct {
	Series []float64 `json:"series"`
	Alpha  float64   `json:"alpha"`
	// Init names the start: "naive" (the default; z0 = first non-zero
	// demand, p0 = its 1-based position). A description beginning with
	// "naive" or "z0=first nonzero" means the same.
	Init string `json:"init,omitempty"`
}

type crostonResult struct {
	Z             float64    `json:"z"`
	P             float64    `json:"p"`
	Croston       float64    `json:"croston"`
	SBA           float64    `json:"sba"`
	Fitted        []*float64 `json:"fitted"` // null before the first demand
	FinalForecast float64    `json:"final_forecast"`
	Sigma         float64    `json:"sigma"`
}

func croston(in *crostonIn) (*crostonResult, error) {
	var c check
	checkSeries(&c, in.Series, 1)
	checkAlpha(&c, "alpha", in.Alpha)
	switch {
	case in.Init == "", in.Init == "naive", hasPrefix(in.Init, "naive:"), hasPrefix(in.Init, "z0=first nonzero"):
	default:
		c.add("init", "must be \"naive\" (z0 = first non-zero demand, p0 = its 1-based position), got %q", in.Init)
	}
	nonzero := false
	for _, v := range in.Series {
		nonzero = nonzero || v > 0
	}
	if c.v.Len() == 0 && !nonzero {
		c.add("series", "must contain a non-zero demand")
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	fitted := make([]float64, len(in.Series))
	z, p, sse, n := crostonRun(in.Series, in.Alpha, 1, fitted)
	r := &crostonResult{Z: z, P: p, Croston: z / p, SBA: (1 - in.Alpha/2) * z / p, FinalForecast: z / p, Fitted: make([]*float64, len(fitted))}
	for i, f := range fitted {
		if !math.IsNaN(f) {
			r.Fitted[i] = &fitted[i]
		}
	}
	if n > 0 {
		r.Sigma = math.Sqrt(sse / float64(n))
	}
	return r, nil
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

type tsbIn struct {
	Series []float64 `json:"series"`
	Alpha  float64   `json:"alpha"`
	Beta   float64   `json:"beta"`
}

type tsbResult struct {
	Z           float64 `json:"z"`
	Probability float64 `json:"probability"`
	Forecast    float64 `json:"forecast"`
	Sigma       float64 `json:"sigma"`
}

func tsb(in *tsbIn) (*tsbResult, error) {
	var c check
	checkSeries(&c, in.Series, 1)
	checkAlpha(&c, "alpha", in.Alpha)
	checkAlpha(&c, "beta", in.Beta)
	if err := c.err(); err != nil {
		return nil, err
	}
	z, p, sse, n := tsbRun(in.Series, in.Alpha, in.Beta)
	r := &tsbResult{Z: z, Probability: p, Forecast: z * p}
	if n > 0 {
		r.Sigma = math.Sqrt(sse / float64(n))
	}
	return r, nil
}

type forecastIn struct {
	Series       []float64 `json:"series"`
	SeasonLength int       `json:"season_length,omitempty"` // 0: 7; 1: no season
	Horizon      int       `json:"horizon,omitempty"`
}

// forecastAuto classifies the series and fits the method for its class.
func forecastAuto(in *forecastIn) (*Forecast, error) {
	var c check
	checkSeries(&c, in.Series, 2)
	checkHorizon(&c, in.Horizon)
	m := in.SeasonLength
	if m == 0 {
		m = 7
	}
	if m < 1 || m > 366 {
		c.add("season_length", "must be in [1, 366], got %d", in.SeasonLength)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	h := make([]float64, max(1, in.Horizon))
	f := newForecaster(m).fit(in.Series, h)
	f.Horizon = h
	return &f, nil
}
