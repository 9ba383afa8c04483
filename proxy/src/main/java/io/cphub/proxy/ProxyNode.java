package io.cphub.proxy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cphub.model.Domain;
import io.cphub.proxy.abuse.AbuseProtection;
import io.cphub.proxy.auth.AuthHttpServer;
import io.cphub.proxy.auth.Authenticator;
import io.cphub.proxy.auth.LoginGuard;
import io.cphub.proxy.auth.LoginLog;
import io.cphub.proxy.autoconfig.AutoconfigConfig;
import io.cphub.proxy.autoconfig.AutoconfigServer;
import io.cphub.proxy.autoconfig.MailService;
import io.cphub.proxy.config.ProxyConfig;
import io.cphub.proxy.metrics.AdminServer;
import io.cphub.proxy.metrics.Health;
import io.cphub.proxy.metrics.ProxyMetrics;
import io.cphub.proxy.net.Transport;
import io.cphub.proxy.route.FeedFollower;
import io.cphub.proxy.route.LiveTable;
import io.cphub.proxy.route.PgConnector;
import io.cphub.proxy.route.RouteSource;
import io.cphub.proxy.route.RouteTable;
import io.cphub.proxy.route.TableFile;
import io.cphub.proxy.route.TableFileException;
import io.cphub.proxy.route.TableSaver;
import io.cphub.proxy.verify.CredentialCache;
import io.cphub.proxy.verify.CredentialChecker;
import io.cphub.proxy.verify.ImapChecker;
import io.cphub.proxy.verify.Pop3Checker;
import io.cphub.proxy.verify.Verifier;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running proxy: live route table (from the local file first, then the database), feed
 * follower, table saver, password verifier, the auth_http listener and the admin listener. Built
 * and owned by {@code serve}; {@link #close()} stops everything in reverse order. Further listeners
 * (autoconfig) take {@link #live()} for "is this domain known" and share {@link #eventLoops()}.
 */
public final class ProxyNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyNode.class);
  private final LiveTable live;
  private final ProxyMetrics metrics;
  private final EventLoopGroup group;
  private final ThreadPoolExecutor blocking;
  private final TableSaver saver;
  private final FeedFollower follower;
  private final AuthHttpServer auth;
  private final AdminServer admin;
  private final AutoconfigServer autoconfig;
  private final AbuseProtection protection;

  private ProxyNode(ProxyConfig c, Clock clock, LoginGuard guard) throws InterruptedException {
    TableFile.Saved initial = initialTable(c, clock);
    live = new LiveTable(clock, initial.table(), initial.savedAt());
    metrics = new ProxyMetrics();
    metrics.bind(live);
    protection = guard != null ? null : AbuseProtection.start(c.abuse(), new PgConnector(c.db().url(), c.db().user(),
        c.db().password(), c.db().connectTimeout(), c.db().socketTimeout())::connect, clock, metrics.registry());
    saver = new TableSaver(c.table().file(), live);
    saver.start(c.table().writeInterval());
    follower = new FeedFollower(
        new PgConnector(c.db().url(), c.db().user(), c.db().password(), c.db().connectTimeout(), c.db().socketTimeout()),
        new RouteSource(clock), live, clock, c.feed().pollInterval(), c.feed().backoffMin(), c.feed().backoffMax(),
        c.feed().batchSize(), t -> saver.requestSave());
    follower.start();
    AtomicInteger n = new AtomicInteger();
    blocking = new ThreadPoolExecutor(c.verify().threads(), c.verify().threads(), 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(10_000), r -> {
          Thread t = new Thread(r, "cphub-verify-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    CredentialChecker checker = switch (c.verify().mode()) {
      case IMAP -> new ImapChecker(c.verify().connectTimeout(), c.verify().timeout());
      case POP3 -> new Pop3Checker(c.verify().connectTimeout(), c.verify().timeout());
      case NONE -> null;
    };
    int checkPort = c.verify().mode() == ProxyConfig.Mode.POP3 ? c.verify().pop3Port() : c.verify().imapPort();
    Verifier verifier = new Verifier(checker, checkPort,
        new CredentialCache(c.verify().cacheTtl(), c.verify().cacheSize(), Ticker.systemTicker()), blocking, metrics,
        c.verify().limits(), clock, id -> serverName(id));
    metrics.bindBackends(verifier::backends);
    Authenticator authenticator = new Authenticator(live, verifier, guard != null ? guard : protection, c.auth(),
        c.backend(), metrics, LoginLog.of(c.loginLog()));
    Transport transport = Transport.choose(c.nativeTransport());
    if (c.nativeTransport() && transport != Transport.EPOLL) {
      LOG.warn("native epoll transport unavailable ({}); using NIO", Transport.nativeUnavailableCause().toString());
    }
    group = transport.group(c.eventLoops() > 0 ? c.eventLoops() : Runtime.getRuntime().availableProcessors());
    auth = AuthHttpServer.start(c.auth().listen(), group, authenticator, c.auth().readTimeout(),
        c.auth().maxHeaderBytes());
    admin = AdminServer.start(c.adminListen(), group, metrics.registry(), new Health(live, c.table().staleAfter(), verifier::backends));
    autoconfig = c.autoconfig() == null ? null : startAutoconfig(c.autoconfig(), clock);
    LOG.info("auth_http listening on {}:{} ({} sockets), admin (/metrics, /healthz) on {}:{}, transport {}",
        c.auth().listen().host(), auth.port(), auth.listeners(), c.adminListen().host(), admin.port(), transport);
  }

  private String serverName(int id) {
    io.cphub.proxy.route.Backend b = live.current().server(id);
    return b == null ? "server-" + id : b.name();
  }

  private AutoconfigServer startAutoconfig(ProxyConfig.Autoconfig a, Clock clock) {
    MailService service = MailService.standardPorts(Domain.parse(a.publicHostname()), a.displayName(), a.shortName());
    AutoconfigConfig config = new AutoconfigConfig(a.listen().host(), a.listen().port(), service, a.signingCert(),
        a.signingKey(), AutoconfigConfig.DEFAULT_MAX_BODY, AutoconfigConfig.DEFAULT_IDLE_TIMEOUT);
    AutoconfigServer server = new AutoconfigServer(config,
        new io.cphub.proxy.autoconfig.Autoconfig(config, d -> live.current().hasDomain(d), clock));
    InetSocketAddress bound = server.start();
    LOG.info("autoconfig listening on {}:{} for {}", bound.getHostString(), bound.getPort(), a.publicHostname());
    return server;
  }

  /** Starts a proxy with the given guard instead of the configured abuse protection (tests). */
  public static ProxyNode start(ProxyConfig c, Clock clock, LoginGuard guard) throws InterruptedException {
    return new ProxyNode(c, clock, java.util.Objects.requireNonNull(guard, "guard"));
  }

  /** Starts a proxy with the abuse protection its configuration describes. */
  public static ProxyNode start(ProxyConfig c, Clock clock) throws InterruptedException {
    return new ProxyNode(c, clock, null);
  }

  private static TableFile.Saved initialTable(ProxyConfig c, Clock clock) {
    if (Files.exists(c.table().file())) {
      try {
        TableFile.Saved s = TableFile.read(c.table().file());
        LOG.warn("serving {} domains and {} accounts from {} (version {}, saved {}) until the database answers",
            s.table().domainCount(), s.table().accountCount(), c.table().file(), s.table().version(), s.savedAt());
        return s;
      } catch (TableFileException e) {
        LOG.error("{}; starting with an empty table", e.getMessage());
      }
    } else {
      LOG.info("no route table file at {} yet; waiting for the database", c.table().file());
    }
    return new TableFile.Saved(RouteTable.empty(clock.instant()), clock.instant());
  }

  public LiveTable live() {
    return live;
  }

  public EventLoopGroup eventLoops() {
    return group;
  }

  public ProxyMetrics metrics() {
    return metrics;
  }

  public int authPort() {
    return auth.port();
  }

  public int adminPort() {
    return admin.port();
  }

  /** The autoconfig listener's port, or -1 when autoconfig is off. */
  public int autoconfigPort() {
    return autoconfig == null ? -1 : autoconfig.address().getPort();
  }

  @Override
  public void close() {
    if (autoconfig != null) {
      autoconfig.close();
    }
    auth.close();
    admin.close();
    follower.close();
    if (protection != null) {
      protection.close();
    }
    saver.saveIfChanged();
    saver.close();
    blocking.shutdownNow();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
