package org.gatehouse.k8s;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.nio.file.Path;
import java.util.List;

/**
 * The one way this repository renders the Gatehouse chart: the Helm engine bundled in helm-java (Helm 3 as a
 * native library), so rendering needs neither a helm binary nor a cluster. {@link BaseRenderer} (k8s/render.sh)
 * and the tests both go through here, so the committed k8s/base and the checked renders cannot drift apart.
 */
public final class ChartRenderer {

    /**
     * The release name k8s/base is rendered with (label app.kubernetes.io/instance); object names do not depend on
     * it unless nameOverride is set.
     */
    public static final String RELEASE = "gatehouse";

    private final Path chart;
    private final String kubeVersion;

    /**
     * @param chart       the chart directory (k8s/helm/gatehouse)
     * @param kubeVersion the Kubernetes version rendered for (Capabilities.KubeVersion), e.g. 1.31.0
     */
    public ChartRenderer(Path chart, String kubeVersion) {
        this.chart = chart.toAbsolutePath().normalize();
        this.kubeVersion = kubeVersion;
    }

    public Path chart() {
        return chart;
    }

    public String kubeVersion() {
        return kubeVersion;
    }

    /**
     * {@code helm template gatehouse <chart> --kube-version <v> -f <valuesFiles...>}: the manifests as one YAML
     * stream. Helm's errors (schema violations, {@code required}, {@code fail}) surface as
     * {@link IllegalStateException}.
     */
    public String template(List<Path> valuesFiles) {
        return template(RELEASE, valuesFiles);
    }

    /** {@link #template(List)} as release {@code release} (a second release beside the first one). */
    public String template(String release, List<Path> valuesFiles) {
        TemplateCommand command = new Helm(chart).template()
                .withName(release)
                .withKubeVersion(kubeVersion);
        for (Path values : valuesFiles) {
            command = command.withValuesFile(values.toAbsolutePath());
        }
        return command.call();
    }

    /** {@code helm lint --strict <chart>}: warnings fail as errors do. */
    public LintResult lintStrict() {
        return new Helm(chart).lint().strict().call();
    }
}
