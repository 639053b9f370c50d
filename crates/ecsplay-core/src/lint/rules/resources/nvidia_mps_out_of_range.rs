use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports an NVIDIA MPS GPU share (`resourceRequirements[].sharingStrategy.nvidiaMps`) whose
    /// `memory` is below 1 MiB or whose `maxComputePercent` is outside 1 to 100. The JSON Schema
    /// layer detects it (the bounds of `NvidiaMpsAllocation`) and reports it under this code.
    ///
    /// ## Why is this bad?
    /// With Multi-Process Service several containers share one GPU: `memory` is the GPU memory
    /// the container gets and `maxComputePercent` the share of the GPU's compute it may use. A
    /// container with no GPU memory, or with 0 % or more than 100 % of the compute, is not a
    /// share ECS can allocate, and it rejects the definition (cfn-lint reports the same bounds as
    /// E3034).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "inference",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "model", "image": "example/model-server:3.1", "memory": 4096,
    ///      "resourceRequirements": [
    ///        {"type": "GPU", "sharingStrategy": {"nvidiaMps": {"memory": 4096, "maxComputePercent": 150}}}
    ///      ]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "inference",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "model", "image": "example/model-server:3.1", "memory": 4096,
    ///      "resourceRequirements": [
    ///        {"type": "GPU", "sharingStrategy": {"nvidiaMps": {"memory": 4096, "maxComputePercent": 50}}}
    ///      ]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:NvidiaMpsAllocation (botocore 1.44.5 ECS model: memory at least 1, maxComputePercent 1-100)
    /// - CFN-RULE:E3034 (cfn-lint 1.58.0 number ranges: MaxComputePercent 1-100, Memory at least 1)
    pub struct NvidiaMpsOutOfRange {
        code: "TD-RES-019",
        name: "nvidia-mps-out-of-range",
        severity: Error,
        scope: Engine,
        summary: "An NVIDIA MPS GPU share asks for no GPU memory or for a compute share outside 1 to 100 percent",
    }
}
