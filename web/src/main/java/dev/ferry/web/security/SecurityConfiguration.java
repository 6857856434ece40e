package dev.ferry.web.security;

import io.github.wimdeblauwe.htmx.spring.boot.security.HxRefreshHeaderAuthenticationEntryPoint;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * Two filter chains. The API ({@code /api/**}, and {@code /actuator/prometheus} for any role) is stateless: HTTP Basic or an API token ({@code Authorization:
 * Bearer}), no CSRF since no cookie authenticates it; a refused call gets a 401 in the API's envelope.
 * The console has a form login, a session and CSRF; an htmx request whose session expired gets {@code HX-Refresh}
 * (a full reload that lands on the login page) instead of a login page swapped into a fragment. Both enforce the
 * same role rules: VIEWER reads, OPERATOR runs transfers and schedules, ADMIN manages clusters, users and settings.
 * Both authenticate through one throttled manager ({@link FerryAuthenticationConfiguration}); the console re-reads
 * its user at each request ({@link SessionUserRefreshFilter}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String ADMIN = Role.ADMIN.name();

	private static final String OPERATOR = Role.OPERATOR.name();

	private static final String VIEWER = Role.VIEWER.name();

	/** Scraped like the API is called: Basic or (better, no bcrypt per scrape) an API token; any role. */
	private static final String PROMETHEUS = "/actuator/prometheus";

	/**
	 * The console's pages load scripts, styles, images and fonts only from Ferry itself (htmx from its webjar) and
	 * have no inline scripts, event handler attributes or style attributes; nothing may frame them.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http, ThrottledAuthenticationManager authentication)
			throws Exception {
		ApiAuthenticationEntryPoint entryPoint = new ApiAuthenticationEntryPoint();
		return http.securityMatcher("/api/**", PROMETHEUS)
			.authenticationManager(authentication)
			.authorizeHttpRequests(SecurityConfiguration::apiRules)
			.httpBasic((basic) -> basic.authenticationEntryPoint(entryPoint))
			.addFilterBefore(bearerTokens(authentication, entryPoint), BasicAuthenticationFilter.class)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	/** {@code Authorization: Bearer <API token>}; a refused token is answered at once (no other scheme is tried). */
	private static AuthenticationFilter bearerTokens(AuthenticationManager authentication,
			AuthenticationEntryPoint entryPoint) {
		AuthenticationFilter filter = new AuthenticationFilter(authentication,
				new BearerTokenAuthenticationConverter());
		filter.setSuccessHandler((request, response, result) -> {
			// continue the chain: the API answers the request itself
		});
		filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(entryPoint));
		return filter;
	}

	private static void apiRules(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
		rules.requestMatchers(HttpMethod.GET, PROMETHEUS)
			.hasRole(VIEWER)
			.requestMatchers(HttpMethod.POST, "/api/v1/clusters/export", "/api/v1/clusters/import",
				"/api/v1/clusters/import/upload", "/api/v1/clusters/transport/**")
			.hasRole(OPERATOR)
			.requestMatchers(HttpMethod.DELETE, "/api/v1/clusters/transport/**")
			.hasRole(OPERATOR)
			.requestMatchers(HttpMethod.GET, "/api/v1/clusters/export/download/**", "/api/v1/clusters/export/estimate")
			.hasRole(OPERATOR)
			.requestMatchers("/api/v1/audit", "/api/v1/audit/**")
			.hasRole(ADMIN)
			.requestMatchers(HttpMethod.GET, "/api/**")
			.hasRole(VIEWER)
			.requestMatchers("/api/v1/schedules", "/api/v1/schedules/**")
			.hasRole(OPERATOR)
			.anyRequest()
			.hasRole(ADMIN); // clusters (create, update, delete, test: it connects with the stored password)
	}

	@Bean
	@Order(2)
	SecurityFilterChain consoleChain(HttpSecurity http, ThrottledAuthenticationManager authentication,
			UserDetailsService users) throws Exception {
		return http.authenticationManager(authentication)
			.authorizeHttpRequests(SecurityConfiguration::consoleRules)
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout").permitAll())
			.httpBasic(Customizer.withDefaults())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(consoleEntryPoint())
				.accessDeniedHandler(new ConsoleAccessDeniedHandler()))
			.addFilterBefore(new SessionUserRefreshFilter(users), AnonymousAuthenticationFilter.class)
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
			.build();
	}

	private static void consoleRules(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
		rules.requestMatchers("/actuator/health", "/actuator/health/**", "/error", "/css/**", "/js/**", "/webjars/**",
				"/favicon.ico")
			.permitAll()
			.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
			.permitAll()
			.requestMatchers("/users", "/users/**", "/settings", "/settings/**", "/audit", "/audit/**")
			.hasRole(ADMIN)
			.requestMatchers("/clusters/new")
			.hasRole(ADMIN) // before the next rule: "new" would match {id}
			.requestMatchers(HttpMethod.GET, "/clusters", "/clusters/{id}")
			.hasRole(VIEWER)
			.requestMatchers("/clusters/**")
			.hasRole(ADMIN)
			.requestMatchers("/transfers/export/**", "/transfers/import/**", "/transfers/*/download",
					"/schedules/new", "/schedules/*/edit")
			.hasRole(OPERATOR)
			.requestMatchers(HttpMethod.POST, "/notifications")
			.hasRole(ADMIN) // the global notification target; a schedule's is OPERATOR's, as the schedule
			.requestMatchers(HttpMethod.POST, "/transfers/**", "/schedules/**")
			.hasRole(OPERATOR)
			.anyRequest()
			.hasRole(VIEWER);
	}

	private static AuthenticationEntryPoint consoleEntryPoint() {
		return DelegatingAuthenticationEntryPoint.builder()
			.addEntryPointFor(new HxRefreshHeaderAuthenticationEntryPoint(),
					new RequestHeaderRequestMatcher("HX-Request"))
			.defaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"))
			.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
