package dev.puerto.web;

import dev.puerto.schema.ColumnValues;
import dev.puerto.schema.InputStatus;
import dev.puerto.summary.IsoWeek;
import dev.puerto.summary.Summarizer;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's HTTP server: its routes, who may see them ({@link Access}), the headers every
 * answer carries, and how a {@link View} becomes HTML, CSV or JSON. Started by {@link #start},
 * stopped by {@link #close}.
 */
public final class Dashboard implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Dashboard.class);

  /**
   * Nothing but this origin: no inline script or style, no frame, no form posted elsewhere, no
   * referrer sent. SVG drawn in the page needs no exception.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  /** Paths open without a login: the load balancer's probe, the login form and its styles. */
  private static boolean open(String path) {
    return path.equals("/health")
        || path.equals("/login")
        || path.equals("/favicon.ico")
        || path.startsWith("/assets/");
  }

  private final Javalin app;
  private final URI url;

  private Dashboard(Javalin app, URI url) {
    this.app = app;
    this.url = url;
  }

  /** Listens as {@code settings} say and serves what {@code reads} holds, until closed. */
  public static Dashboard start(
      DashboardSettings settings, DSLContext reads, Summarizer summarizer, Clock clock) {
    Access access = new Access(settings.user(), settings.password(), clock);
    Reads queries = new Reads(reads);
    Pages pages = new Pages(summarizer, queries, clock);
    Metrics metrics = new Metrics(reads, queries, clock);
    TemplateEngine templates =
        TemplateEngine.createPrecompiled(
            null, ContentType.Html, Dashboard.class.getClassLoader(), "dev.puerto.web");
    Routes routes = new Routes(access, pages, queries, metrics, templates, reads);
    Javalin app =
        Javalin.create(
            c -> {
              c.startup.showJavalinBanner = false;
              c.jetty.host = settings.bind();
              c.jetty.port = settings.port();
              c.staticFiles.add(
                  s -> {
                    s.hostedPath = "/assets";
                    s.directory = "/web/assets";
                    s.location = Location.CLASSPATH;
                  });
              routes.register(c.routes);
              if (settings.tls() != null) {
                // Javalin adds its plain connector only when there is none
                c.jetty.addConnector((server, http) -> httpsConnector(server, http, settings));
              }
            });
    app.start();
    String host = settings.bind().contains(":") ? "[" + settings.bind() + "]" : settings.bind();
    String scheme = settings.tls() == null ? "http" : "https";
    return new Dashboard(app, URI.create(scheme + "://" + host + ":" + app.port() + "/"));
  }

  /**
   * HTTPS with the key store's certificate (TLS 1.2 and 1.3, as Jetty allows by default). The SNI
   * host check is off: the dashboard is reached by address as often as by name.
   */
  private static Connector httpsConnector(
      Server server, HttpConfiguration http, DashboardSettings settings) {
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStorePath(settings.tls().keyStore().toAbsolutePath().toString());
    tls.setKeyStorePassword(settings.tls().password());
    HttpConfiguration https = new HttpConfiguration(http);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    ServerConnector connector =
        new ServerConnector(
            server,
            new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
            new HttpConnectionFactory(https));
    connector.setHost(settings.bind());
    connector.setPort(settings.port());
    return connector;
  }

  public URI url() {
    return url;
  }

  @Override
  public void close() {
    app.stop();
  }

  /** The routes and what each answers. */
  private record Routes(
      Access access,
      Pages pages,
      Reads reads,
      Metrics metrics,
      TemplateEngine templates,
      DSLContext dsl) {

    void register(io.javalin.config.RoutesConfig r) {
      r.before(this::guard);
      r.get("/health", this::health);
      // asked for by browsers on pages that name no icon (/health, a download)
      r.get(
          "/favicon.ico", ctx -> ctx.redirect("/assets/favicon.svg", HttpStatus.MOVED_PERMANENTLY));
      r.get("/login", ctx -> html(ctx, "login", Map.of("next", next(ctx), "failed", false)));
      r.post("/login", this::login);
      r.post("/logout", this::logout);
      page(r, "/", "/api/domains", ctx -> Optional.of(pages.overview(week(ctx))));
      page(
          r,
          "/domains/{domain}",
          "/api/domains/{domain}",
          ctx ->
              pages.domain(
                  ctx.pathParam("domain").strip().toLowerCase(java.util.Locale.ROOT),
                  week(ctx),
                  filters(ctx)));
      page(r, "/sources/{ip}", "/api/sources/{ip}", ctx -> source(ctx));
      page(r, "/reports/{id}", "/api/reports/{id}", ctx -> report(ctx));
      page(r, "/inputs", "/api/inputs", ctx -> Optional.of(pages.inputs(before(ctx), status(ctx))));
      r.get("/inputs/{id}/raw", this::raw);
      r.get("/metrics", ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape()));
      r.exception(
          BadRequest.class,
          (e, ctx) -> problem(ctx, HttpStatus.BAD_REQUEST, pages.format().t(e.key, e.args)));
      r.exception(NotFound.class, (e, ctx) -> problem(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
      // what Javalin throws for a path no route matches
      r.exception(
          io.javalin.http.NotFoundResponse.class,
          (e, ctx) -> problem(ctx, HttpStatus.NOT_FOUND, pages.format().t("problem.noPage")));
      r.exception(
          Exception.class,
          (e, ctx) -> {
            log.error("dashboard: {} {} failed", ctx.method(), ctx.path(), e);
            problem(ctx, HttpStatus.INTERNAL_SERVER_ERROR, pages.format().t("problem.internal"));
          });
      r.error(
          404,
          ctx -> {
            if (ctx.result() == null) {
              problem(ctx, HttpStatus.NOT_FOUND, pages.format().t("problem.noPage"));
            }
          });
    }

    /** Security headers on everything; a login for everything but the open paths. */
    private void guard(Context ctx) {
      ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      ctx.header("X-Frame-Options", "DENY");
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("Referrer-Policy", "no-referrer");
      ctx.header("Cross-Origin-Opener-Policy", "same-origin");
      ctx.header("Cross-Origin-Resource-Policy", "same-origin");
      ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
      if (open(ctx.path())) {
        return;
      }
      ctx.header("Cache-Control", "no-store");
      Access.Answer answer = access.answer(ctx);
      if (answer == Access.Answer.LET_IN) {
        return;
      }
      if (answer == Access.Answer.WAIT) {
        tooManyFailures(ctx);
      } else if (browser(ctx)) {
        ctx.redirect(
            "/login?next="
                + java.net.URLEncoder.encode(ctx.path() + query(ctx), StandardCharsets.UTF_8),
            HttpStatus.SEE_OTHER);
      } else {
        ctx.header("WWW-Authenticate", "Basic realm=\"puerto\", charset=\"UTF-8\"");
        ctx.status(HttpStatus.UNAUTHORIZED)
            .contentType("text/plain; charset=utf-8")
            .result("log in: HTTP Basic with the dashboard's user and password\n");
      }
      ctx.skipRemainingHandlers();
    }

    /** A browser asking for a page (not the API, a CSV or the metrics) gets the login form. */
    private static boolean browser(Context ctx) {
      String accept = ctx.header("Accept");
      return "GET".equals(ctx.method().name())
          && accept != null
          && accept.contains("text/html")
          && !ctx.path().startsWith("/api/")
          && !ctx.path().equals("/metrics")
          && ctx.queryParam("format") == null;
    }

    private static String query(Context ctx) {
      String q = ctx.queryString();
      return q == null || q.isEmpty() ? "" : "?" + q;
    }

    private void health(Context ctx) {
      try {
        dsl.selectOne().fetch();
        ctx.contentType("text/plain; charset=utf-8").result("ok\n");
      } catch (RuntimeException e) {
        ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
            .contentType("text/plain; charset=utf-8")
            .result("database unavailable\n");
      }
    }

    private void login(Context ctx) {
      // "username" as password managers and scripts often post it
      String user =
          ctx.formParam("user") != null ? ctx.formParam("user") : ctx.formParam("username");
      String password = ctx.formParam("password");
      Access.Answer answer =
          user == null || password == null ? Access.Answer.ASK : access.login(user, password);
      if (answer == Access.Answer.WAIT) {
        tooManyFailures(ctx);
        return;
      }
      if (answer == Access.Answer.LET_IN) {
        Cookie cookie = new Cookie(Access.COOKIE, access.open());
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        cookie.setPath("/");
        // behind a TLS proxy the request arrives as http: its header says what the browser used
        cookie.setSecure(
            "https".equals(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")));
        cookie.setMaxAge((int) Access.SESSION.toSeconds());
        ctx.cookie(cookie);
        ctx.redirect(next(ctx), HttpStatus.SEE_OTHER);
        return;
      }
      ctx.status(HttpStatus.UNAUTHORIZED);
      html(ctx, "login", Map.of("next", next(ctx), "failed", true));
    }

    /** 429 for a while after too many failed logins, whatever the credentials. */
    private void tooManyFailures(Context ctx) {
      ctx.header("Retry-After", Long.toString(Access.FAILURE_WINDOW.toSeconds()));
      ctx.status(HttpStatus.TOO_MANY_REQUESTS)
          .contentType("text/plain; charset=utf-8")
          .result(pages.format().t("problem.tooManyLogins", Access.MAX_FAILURES) + "\n");
    }

    private void logout(Context ctx) {
      access.close(ctx.cookie(Access.COOKIE));
      ctx.removeCookie(Access.COOKIE, "/");
      ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    /** Where to go after the login: a path of this dashboard, never another site. */
    private static String next(Context ctx) {
      String next = ctx.formParam("next");
      if (next == null) {
        next = ctx.queryParam("next");
      }
      if (next == null
          || !next.startsWith("/")
          || next.startsWith("//")
          || next.contains("\\")
          || next.chars().anyMatch(Character::isISOControl)) {
        return "/";
      }
      return next;
    }

    /** A page at {@code path} (HTML, or CSV with ?format=csv) and its JSON at {@code api}. */
    private void page(
        io.javalin.config.RoutesConfig r,
        String path,
        String api,
        Function<Context, Optional<View>> build) {
      r.get(
          path,
          ctx -> {
            View view = found(build.apply(ctx));
            if ("csv".equals(ctx.queryParam("format"))) {
              csv(ctx, view);
            } else {
              html(ctx, view.name(), Map.of("view", view, "model", view.model()));
            }
          });
      r.get(
          api,
          ctx ->
              ctx.contentType("application/json; charset=utf-8")
                  .result(Exports.json(found(build.apply(ctx)))));
    }

    private View found(Optional<View> view) {
      return view.orElseThrow(() -> new NotFound(pages.format().t("problem.nothingStored")));
    }

    private void csv(Context ctx, View view) throws IOException {
      String key = ctx.queryParam("table");
      Table table =
          key == null
              ? view.mainTable()
              : view.table(key).orElseThrow(() -> new BadRequest("problem.noTable", key));
      ctx.contentType("text/csv; charset=utf-8");
      ctx.header(
          "Content-Disposition",
          "attachment; filename=\"puerto-" + view.name() + "-" + table.key() + ".csv\"");
      Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
      Exports.csv(table, out);
      out.flush();
    }

    /** A page: its template with {@code params}, and the dashboard's {@link Format} as fmt. */
    private void html(Context ctx, String template, Map<String, Object> params) {
      StringOutput out = new StringOutput();
      Map<String, Object> all = new java.util.HashMap<>(params);
      all.put("fmt", pages.format());
      templates.render(template + ".jte", all, out);
      ctx.contentType("text/html; charset=utf-8").result(out.toString());
    }

    private void problem(Context ctx, HttpStatus status, String message) {
      ctx.status(status);
      if (ctx.path().startsWith("/api/") || ctx.path().equals("/metrics")) {
        ctx.contentType("application/json; charset=utf-8")
            .result(
                "{\"error\": "
                    + com.fasterxml.jackson.databind.node.TextNode.valueOf(message)
                    + "}\n");
      } else {
        html(ctx, "problem", Map.of("status", status.getCode(), "message", message));
      }
    }

    private Optional<View> source(Context ctx) {
      String ip = ctx.pathParam("ip").strip();
      if (!com.google.common.net.InetAddresses.isInetAddress(ip)) {
        throw new BadRequest("problem.notAnIp", ip);
      }
      return Optional.of(
          pages.source(
              com.google.common.net.InetAddresses.toAddrString(
                  com.google.common.net.InetAddresses.forString(ip)),
              week(ctx)));
    }

    private Optional<View> report(Context ctx) {
      long id = number(ctx.pathParam("id"), "report");
      return pages.report(
          id,
          "csv".equals(ctx.queryParam("format")) ? Pages.CSV_RECORDS : Reads.REPORT_RECORDS_SHOWN);
    }

    private void raw(Context ctx) throws IOException {
      long id = number(ctx.pathParam("id"), "input");
      // the headers of a download go with the first byte, so that a 404 is not one
      boolean[] begun = {false};
      Runnable download =
          () -> {
            if (!begun[0]) {
              begun[0] = true;
              ctx.contentType("application/octet-stream");
              ctx.header(
                  "Content-Disposition", "attachment; filename=\"puerto-input-" + id + ".raw\"");
            }
          };
      java.io.OutputStream out =
          new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
              download.run();
              ctx.outputStream().write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              download.run();
              ctx.outputStream().write(b, off, len);
            }
          };
      if (!reads.copyRaw(id, out)) {
        throw new NotFound(pages.format().t("problem.noRaw", Long.toString(id)));
      }
      download.run();
    }

    private IsoWeek week(Context ctx) {
      String week = ctx.queryParam("week");
      if (week == null || week.isBlank()) {
        return pages.defaultWeek();
      }
      try {
        return IsoWeek.parse(week);
      } catch (IllegalArgumentException e) {
        throw new BadRequest("problem.week", week);
      }
    }

    private static Pages.Filters filters(Context ctx) {
      String reporter = ctx.queryParam("reporter");
      String disposition = ctx.queryParam("disposition");
      if (disposition != null
          && !disposition.isEmpty()
          && !Pages.Filters.DISPOSITIONS.contains(disposition)) {
        throw new BadRequest("problem.disposition", String.join(", ", Pages.Filters.DISPOSITIONS));
      }
      return new Pages.Filters(
          "1".equals(ctx.queryParam("failing")),
          "1".equals(ctx.queryParam("new")),
          reporter == null || reporter.isEmpty() ? null : reporter,
          disposition == null || disposition.isEmpty() ? null : disposition);
    }

    private static Long before(Context ctx) {
      String before = ctx.queryParam("before");
      return before == null || before.isEmpty() ? null : number(before, "input");
    }

    private static InputStatus status(Context ctx) {
      String status = ctx.queryParam("status");
      if (status == null || status.isEmpty()) {
        return null;
      }
      try {
        return new ColumnValues<>(InputStatus.class).from(status);
      } catch (IllegalArgumentException e) {
        throw new BadRequest(
            "problem.status",
            String.join(
                ", ",
                java.util.Arrays.stream(InputStatus.values()).map(InputStatus::code).toList()));
      }
    }

    private static long number(String text, String what) {
      try {
        long n = Long.parseLong(text);
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // the message below says what is expected
      }
      throw new BadRequest(
          "input".equals(what) ? "problem.inputNumber" : "problem.reportNumber", text);
    }
  }

  /** Nothing stored answers the request; its message says what is missing. */
  static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * A request the dashboard cannot answer as asked; the sentence {@code web.<key>} says what to
   * change, in the dashboard's language.
   */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String key;
    final transient Object[] args;

    BadRequest(String key, Object... args) {
      super(key, null, false, false);
      this.key = key;
      this.args = args.clone();
    }
  }
}
