package stock

func moreFunctions() []function {
	return []function{
		// loss.go
		plain("standard_normal_loss", standardNormalLoss),
		plain("standard_normal_second_loss", standardNormalSecondLoss),
		plain("normal_loss", normalLoss),
		plain("poisson_loss", poissonLoss),
		plain("gamma_loss", gammaLoss),
		plain("distribution", distribution),
		// eoq.go
		plain("economic_order_quantity", economicOrderQuantity),
		plain("economic_order_quantity_with_backorders", economicOrderQuantityWithBackorders),
		plain("economic_production_quantity", economicProductionQuantity),
		plain("economic_order_quantity_with_all_units_discounts", economicOrderQuantityWithAllUnitsDiscounts),
		plain("round_order_quantity", roundOrderQuantity),
		// wagnerwhitin.go
		plain("wagner_whitin", wagnerWhitin),
		// policy_rq.go
		plain("r_q_cost", rQCost),
		plain("r_q_optimal_r_for_q", rQOptimalRForQ),
		plain("r_q_eil_approximation", rQEILApproximation),
		plain("r_q_eoqb_approximation", rQEOQBApproximation),
		plain("r_q_eoqss_approximation", rQEOQSSApproximation),
		plain("r_q_loss_function_approximation", rQLossFunctionApproximation),
		plain("r_q_poisson_exact", rQPoissonExact),
		plain("r_q_cost_poisson", rQCostPoisson),
		// policy_ss.go
		plain("s_s_discrete_exact", sSDiscreteExact),
		plain("s_s_cost_discrete", sSCostDiscrete),
		plain("s_s_power_approximation", sSPowerApproximation),
		// leadtime.go, safety.go, policy_rs.go
		plain("lead_time_demand", leadTimeDemand),
		plain("safety_stock", safetyStock),
		plain("fill_rate_rq", fillRateRQ),
		plain("cost_service_level", costServiceLevel),
		plain("rs_order_up_to", rsOrderUpTo),
		plain("fill_rate_rs", fillRateRS),
		// gsm.go
		plain("gsm_tree.optimize_committed_service_times", gsmTree),
		plain("gsm_serial.optimize_committed_service_times", gsmSerial),
		// ssm.go
		plain("ssm_serial.optimize_base_stock_levels", ssmSerial),
		// fresh.go
		plain("newsvendor_fresh", newsvendorFresh),
		withCtx("fresh_base_stock", freshBaseStock),
		// alert.go, batch.go
		plain("stock_level_alert", stockLevelAlert),
		plain("deviation_alert", deviationAlert),
		plain("expiry_alert", expiryAlert),
		withCtx("batch", batchEval),
		// forecast.go, classify.go
		plain("ses", ses),
		plain("holt", holt),
		plain("holt_winters", holtWinters),
		plain("croston", croston),
		plain("tsb", tsb),
		plain("forecast", forecastAuto),
		plain("classify_demand", classifyDemand),
	}
}
