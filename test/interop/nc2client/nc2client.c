/*
 * A small NETCONF client on CESNET's libnetconf2 (Debian's libnetconf2-dev), driven one command per line on stdin so
 * that a test can check every answer. It speaks for engineers who point libnetconf2-based tools at the lab's devices:
 * it connects as they would (a pinned host key, password or public key, no module files: libnetconf2 learns the
 * device's schemas from its yang-library and <get-schema>) and parses every reply into libyang trees.
 *
 * Commands (fields separated by single spaces; CONTENT is the rest of the line, a filter starting with '<' is a
 * subtree filter and anything else an XPath expression):
 *   searchpath DIR                      where libnetconf2 keeps the schemas it fetched (must start empty)
 *   hostkey TYPE BASE64                 the pinned host key every connection must present
 *   connect NAME password USER PASS     open session NAME
 *   connect NAME publickey USER PUB PRIV
 *   get NAME [CONTENT]                  get-config NAME DS [CONTENT]       edit-config NAME DS CONTENT
 *   validate NAME DS                    commit NAME [CONFIRM-TIMEOUT]      cancel-commit NAME
 *   discard NAME                        lock NAME DS                       unlock NAME DS
 *   subscribe NAME [CONTENT]            notification NAME TIMEOUT-MS       rpc NAME CONTENT (any XML rpc body)
 *   capabilities NAME                   close NAME
 *   bench NAME SECONDS IN-FLIGHT        get-config of running, pipelined; prints the count of round trips
 * Answers, one line each: "<kind> <text>" with kind one of session, ok, data, rpc-error, notification, timeout,
 * capabilities, bench, fail; text has '\' and newlines escaped as \\ and \n. rpc-error and data carry the reply
 * as libnetconf2 parsed it, printed as XML by libyang.
 */
#define _GNU_SOURCE
#include <libssh/libssh.h>
#include <libyang/libyang.h>
#include <nc_client.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_SESSIONS 8
#define REPLY_TIMEOUT_MS 20000

struct named_session {
    char name[32];
    struct nc_session *session;
};

static struct named_session sessions[MAX_SESSIONS];
static char pinned_type[64];
static char pinned_key[1024];
static char password[256];

/* One answer line, with backslashes and newlines escaped so the line stays one line. */
static void answer(const char *kind, const char *text)
{
    fputs(kind, stdout);
    fputc(' ', stdout);
    for (const char *p = text ? text : ""; *p; ++p) {
        if (*p == '\\') {
            fputs("\\\\", stdout);
        } else if (*p == '\n') {
            fputs("\\n", stdout);
        } else {
            fputc(*p, stdout);
        }
    }
    fputc('\n', stdout);
    fflush(stdout);
}

static int check_host_key(const char *hostname, ssh_session ssh, void *priv)
{
    (void)hostname;
    (void)priv;
    ssh_key key = NULL;
    char *b64 = NULL;
    int accepted = 0;

    if (!ssh_get_server_publickey(ssh, &key) && !ssh_pki_export_pubkey_base64(key, &b64)) {
        const char *type = ssh_key_type_to_char(ssh_key_type(key));
        accepted = pinned_key[0] && type && !strcmp(type, pinned_type) && !strcmp(b64, pinned_key);
    }
    if (!accepted) {
        fprintf(stderr, "nc2client: host key %s does not match the pinned key\n", b64 ? b64 : "(unreadable)");
    }
    ssh_string_free_char(b64);
    ssh_key_free(key);
    return accepted ? 0 : -1;
}

static char *give_password(const char *username, const char *hostname, void *priv)
{
    (void)username;
    (void)hostname;
    (void)priv;
    return strdup(password);
}

static struct named_session *find(const char *name)
{
    for (int i = 0; i < MAX_SESSIONS; ++i) {
        if (sessions[i].session && !strcmp(sessions[i].name, name)) {
            return &sessions[i];
        }
    }
    return NULL;
}

static NC_DATASTORE datastore(const char *name)
{
    if (!name) {
        return NC_DATASTORE_ERROR;
    }
    if (!strcmp(name, "running")) {
        return NC_DATASTORE_RUNNING;
    }
    if (!strcmp(name, "candidate")) {
        return NC_DATASTORE_CANDIDATE;
    }
    if (!strcmp(name, "startup")) {
        return NC_DATASTORE_STARTUP;
    }
    return NC_DATASTORE_ERROR;
}

static char *print_tree(const struct lyd_node *node)
{
    char *xml = NULL;
    if (node) {
        lyd_print_mem(&xml, node, LYD_XML, LYD_PRINT_SHRINK | LYD_PRINT_WITHSIBLINGS);
    }
    return xml ? xml : strdup("");
}

/* Sends an rpc and answers with what came back: ok, data (the parsed output) or rpc-error (the reply envelope). */
static void exchange(struct nc_session *session, struct nc_rpc *rpc)
{
    uint64_t msgid;
    struct lyd_node *envp = NULL, *op = NULL;

    if (!rpc) {
        answer("fail", "the rpc could not be built");
        return;
    }
    if (nc_send_rpc(session, rpc, REPLY_TIMEOUT_MS, &msgid) != NC_MSG_RPC) {
        answer("fail", "the rpc could not be sent");
        nc_rpc_free(rpc);
        return;
    }
    NC_MSG_TYPE type;
    do {
        type = nc_recv_reply(session, rpc, msgid, REPLY_TIMEOUT_MS, &envp, &op);
    } while (type == NC_MSG_NOTIF);
    if (type == NC_MSG_WOULDBLOCK) {
        answer("timeout", "no reply in time");
    } else if (type != NC_MSG_REPLY) {
        answer("fail", "the reply could not be received or parsed");
    } else if (op) {
        char *xml = print_tree(op);
        answer("data", xml);
        free(xml);
    } else {
        const struct lyd_node *first = lyd_child(envp);
        char *xml = print_tree(first);
        answer(first && !strcmp(LYD_NAME(first), "ok") ? "ok" : "rpc-error", xml);
        free(xml);
    }
    lyd_free_all(envp);
    lyd_free_all(op);
    nc_rpc_free(rpc);
}

static void connect_session(const char *name, const char *method, const char *user, const char *secret,
        const char *private_key, const char *host, int port)
{
    struct named_session *slot = NULL;
    for (int i = 0; i < MAX_SESSIONS && !slot; ++i) {
        if (!sessions[i].session) {
            slot = &sessions[i];
        }
    }
    if (!slot || !name || !method || !user || !secret || find(name)) {
        answer("fail", "connect NAME password USER PASS | connect NAME publickey USER PUB PRIV (a free, new name)");
        return;
    }
    while (nc_client_ssh_get_keypair_count() > 0) {
        nc_client_ssh_del_keypair(0);
    }
    nc_client_ssh_set_auth_pref(NC_SSH_AUTH_INTERACTIVE, -1);
    if (!strcmp(method, "publickey")) {
        if (!private_key || nc_client_ssh_add_keypair(secret, private_key)) {
            answer("fail", "the key pair cannot be used");
            return;
        }
        nc_client_ssh_set_auth_pref(NC_SSH_AUTH_PUBLICKEY, 3);
        nc_client_ssh_set_auth_pref(NC_SSH_AUTH_PASSWORD, -1);
    } else {
        snprintf(password, sizeof password, "%s", secret);
        nc_client_ssh_set_auth_pref(NC_SSH_AUTH_PASSWORD, 3);
        nc_client_ssh_set_auth_pref(NC_SSH_AUTH_PUBLICKEY, -1);
    }
    nc_client_ssh_set_username(user);
    struct nc_session *session = nc_connect_ssh(host, port, NULL);
    memset(password, 0, sizeof password);
    if (!session) {
        answer("fail", "nc_connect_ssh failed");
        return;
    }
    snprintf(slot->name, sizeof slot->name, "%s", name);
    slot->session = session;
    char id[32];
    snprintf(id, sizeof id, "%u", nc_session_get_id(session));
    answer("session", id);
}

static void notification(struct nc_session *session, int timeout_ms)
{
    struct lyd_node *envp = NULL, *op = NULL;
    NC_MSG_TYPE type;
    do {
        type = nc_recv_notif(session, timeout_ms, &envp, &op);
    } while (type == NC_MSG_REPLY);
    if (type == NC_MSG_WOULDBLOCK) {
        answer("timeout", "no notification in time");
    } else if (type != NC_MSG_NOTIF) {
        answer("fail", "the notification could not be received or parsed");
    } else {
        char *xml = print_tree(op);
        answer("notification", xml);
        free(xml);
    }
    lyd_free_all(envp);
    lyd_free_all(op);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* get-config of running, IN-FLIGHT at a time on one session, for SECONDS: replies come back in order. */
static void bench(struct nc_session *session, double seconds, int in_flight)
{
    struct nc_rpc *rpc = nc_rpc_getconfig(NC_DATASTORE_RUNNING, NULL, NC_WD_UNKNOWN, NC_PARAMTYPE_CONST);
    uint64_t ids[256];
    int head = 0, count = 0;
    long done = 0;
    if (in_flight < 1 || in_flight > 256) {
        answer("fail", "IN-FLIGHT must be 1..256");
        nc_rpc_free(rpc);
        return;
    }
    double start = now_seconds(), deadline = start + seconds;
    for (; count < in_flight; ++count) {
        if (nc_send_rpc(session, rpc, REPLY_TIMEOUT_MS, &ids[(head + count) % 256]) != NC_MSG_RPC) {
            answer("fail", "send failed");
            nc_rpc_free(rpc);
            return;
        }
    }
    while (count > 0) {
        struct lyd_node *envp = NULL, *op = NULL;
        if (nc_recv_reply(session, rpc, ids[head], REPLY_TIMEOUT_MS, &envp, &op) != NC_MSG_REPLY || !op) {
            answer("fail", "a get-config reply was missing or not data");
            lyd_free_all(envp);
            lyd_free_all(op);
            nc_rpc_free(rpc);
            return;
        }
        lyd_free_all(envp);
        lyd_free_all(op);
        head = (head + 1) % 256;
        --count;
        ++done;
        if (now_seconds() < deadline) {
            if (nc_send_rpc(session, rpc, REPLY_TIMEOUT_MS, &ids[(head + count) % 256]) != NC_MSG_RPC) {
                answer("fail", "send failed");
                nc_rpc_free(rpc);
                return;
            }
            ++count;
        }
    }
    char text[64];
    snprintf(text, sizeof text, "%ld %.6f", done, now_seconds() - start);
    answer("bench", text);
    nc_rpc_free(rpc);
}

/* The rest of a line after `skip` space-separated fields, or NULL. */
static const char *rest_after(const char *line, int skip)
{
    const char *p = line;
    for (int i = 0; i < skip; ++i) {
        p = strchr(p, ' ');
        if (!p) {
            return NULL;
        }
        ++p;
    }
    return *p ? p : NULL;
}

static void run(char *line, const char *host, int port)
{
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", line);
    char *save = NULL;
    const char *cmd = strtok_r(copy, " ", &save);
    const char *a1 = strtok_r(NULL, " ", &save);
    const char *a2 = strtok_r(NULL, " ", &save);
    const char *a3 = strtok_r(NULL, " ", &save);
    const char *a4 = strtok_r(NULL, " ", &save);
    const char *a5 = strtok_r(NULL, " ", &save);
    if (!cmd) {
        return;
    }
    if (!strcmp(cmd, "searchpath")) {
        nc_client_set_schema_searchpath(a1);
        answer("ok", a1);
        return;
    }
    if (!strcmp(cmd, "hostkey")) {
        snprintf(pinned_type, sizeof pinned_type, "%s", a1 ? a1 : "");
        snprintf(pinned_key, sizeof pinned_key, "%s", a2 ? a2 : "");
        answer("ok", "pinned");
        return;
    }
    if (!strcmp(cmd, "connect")) {
        connect_session(a1, a2, a3, a4, a5, host, port);
        return;
    }
    struct named_session *named = a1 ? find(a1) : NULL;
    if (!named) {
        answer("fail", "unknown command or session");
        return;
    }
    struct nc_session *s = named->session;
    if (!strcmp(cmd, "get")) {
        exchange(s, nc_rpc_get(rest_after(line, 2), NC_WD_UNKNOWN, NC_PARAMTYPE_DUP_AND_FREE));
    } else if (!strcmp(cmd, "get-config")) {
        exchange(s, nc_rpc_getconfig(datastore(a2), rest_after(line, 3), NC_WD_UNKNOWN, NC_PARAMTYPE_DUP_AND_FREE));
    } else if (!strcmp(cmd, "edit-config")) {
        exchange(s, nc_rpc_edit(datastore(a2), NC_RPC_EDIT_DFLTOP_MERGE, NC_RPC_EDIT_TESTOPT_TESTSET,
                NC_RPC_EDIT_ERROPT_ROLLBACK, rest_after(line, 3), NC_PARAMTYPE_DUP_AND_FREE));
    } else if (!strcmp(cmd, "validate")) {
        exchange(s, nc_rpc_validate(datastore(a2), NULL, NC_PARAMTYPE_CONST));
    } else if (!strcmp(cmd, "commit")) {
        exchange(s, nc_rpc_commit(a2 != NULL, a2 ? (uint32_t)atoi(a2) : 0, NULL, NULL, NC_PARAMTYPE_CONST));
    } else if (!strcmp(cmd, "cancel-commit")) {
        exchange(s, nc_rpc_cancel(NULL, NC_PARAMTYPE_CONST));
    } else if (!strcmp(cmd, "discard")) {
        exchange(s, nc_rpc_discard());
    } else if (!strcmp(cmd, "lock")) {
        exchange(s, nc_rpc_lock(datastore(a2)));
    } else if (!strcmp(cmd, "unlock")) {
        exchange(s, nc_rpc_unlock(datastore(a2)));
    } else if (!strcmp(cmd, "subscribe")) {
        exchange(s, nc_rpc_subscribe(NULL, rest_after(line, 2), NULL, NULL, NC_PARAMTYPE_DUP_AND_FREE));
    } else if (!strcmp(cmd, "notification")) {
        notification(s, a2 ? atoi(a2) : 1000);
    } else if (!strcmp(cmd, "rpc")) {
        exchange(s, nc_rpc_act_generic_xml(rest_after(line, 2), NC_PARAMTYPE_DUP_AND_FREE));
    } else if (!strcmp(cmd, "capabilities")) {
        const char *const *caps = nc_session_get_cpblts(s);
        size_t size = 1;
        for (int i = 0; caps && caps[i]; ++i) {
            size += strlen(caps[i]) + 1;
        }
        char *all = calloc(1, size);
        for (int i = 0; caps && caps[i]; ++i) {
            strcat(all, caps[i]);
            strcat(all, "\n");
        }
        answer("capabilities", all);
        free(all);
    } else if (!strcmp(cmd, "bench")) {
        bench(s, a2 ? atof(a2) : 1.0, a3 ? atoi(a3) : 1);
    } else if (!strcmp(cmd, "close")) {
        nc_session_free(s, NULL);
        named->session = NULL;
        answer("ok", "closed");
    } else {
        answer("fail", "unknown command");
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: nc2client HOST PORT (commands on stdin)\n");
        return 2;
    }
    const char *verbose = getenv("NC2CLIENT_VERBOSE");
    nc_verbosity(!verbose ? NC_VERB_WARNING : !strcmp(verbose, "debug") ? NC_VERB_DEBUG : NC_VERB_VERBOSE);
    nc_client_init();
    nc_client_ssh_set_auth_hostkey_check_clb(check_host_key, NULL);
    nc_client_ssh_set_auth_password_clb(give_password, NULL);
    char *line = NULL;
    size_t size = 0;
    ssize_t n;
    while ((n = getline(&line, &size, stdin)) > 0) {
        if (line[n - 1] == '\n') {
            line[n - 1] = '\0';
        }
        if (strlen(line) >= 4096) {
            answer("fail", "command longer than 4095 bytes");
            continue;
        }
        run(line, argv[1], atoi(argv[2]));
    }
    free(line);
    for (int i = 0; i < MAX_SESSIONS; ++i) {
        if (sessions[i].session) {
            nc_session_free(sessions[i].session, NULL);
        }
    }
    nc_client_destroy();
    return 0;
}
