package org.acai.tests;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds, from the served OpenAPI document, requests for a route that name one tenant's entities:
 * every parameter and body field is filled from its name ({@code path} → the tenant's file, {@code
 * job_id} → its job…). A parameter this table does not know fails with a message naming the route
 * and the parameter, so that a new route cannot slip past the suites that use it.
 */
final class RouteRequests {
  /** Parameters that name an entity of a project, and the entity each names. */
  private static final Map<String, Function<Tenant, Object>> ENTITIES = entities();

  /** Parameters that name nothing of a project: a fixed harmless value (null: left out). */
  private static final Map<String, Object> INERT = inert();

  private final OpenAPI api;

  RouteRequests(String openApiYaml) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    this.api = new OpenAPIV3Parser().readContents(openApiYaml, null, options).getOpenAPI();
  }

  /**
   * One request of a route, with its query (GET) or JSON body (other methods); {@code inQuery}
   * names the parameters that go in the query whatever the method.
   */
  record Request(
      String method,
      String path,
      Map<String, Object> params,
      boolean namesEntity,
      Set<String> inQuery) {
    @Override
    public String toString() {
      return method + " " + path + " " + params;
    }
  }

  /** The document's operation for a route, or null when it does not describe it. */
  Operation operation(String method, String path) {
    var item = api.getPaths().get(path);
    if (item == null) {
      return null;
    }
    return item.readOperationsMap()
        .get(io.swagger.v3.oas.models.PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)));
  }

  /**
   * Requests naming the tenant's entities: every required parameter, plus each optional entity
   * parameter in a request of its own (so that alternatives like {@code file_set} / {@code job_id}
   * are each tried); metadata ids and types follow the route or the {@code type} enum.
   */
  List<Request> requests(String method, String path, Tenant tenant) {
    Operation operation = operation(method, path);
    if (operation == null) {
      throw new AssertionError("Route " + method + " " + path + " is not in openapi.yaml");
    }
    Map<String, Boolean> fields = new LinkedHashMap<>();
    Map<String, Schema<?>> schemas = new LinkedHashMap<>();
    Set<String> inQuery = new HashSet<>();
    if (operation.getParameters() != null) {
      for (Parameter parameter : operation.getParameters()) {
        fields.put(parameter.getName(), Boolean.TRUE.equals(parameter.getRequired()));
        if ("query".equals(parameter.getIn())) {
          inQuery.add(parameter.getName());
        }
        schemas.put(parameter.getName(), parameter.getSchema());
      }
    }
    bodyFields(operation, fields, schemas);
    List<String> types = entityTypes(path, schemas);
    List<Request> requests = new ArrayList<>();
    for (String type : types) {
      Map<String, Object> base = new LinkedHashMap<>();
      List<String> optionalEntities = new ArrayList<>();
      for (Map.Entry<String, Boolean> field : fields.entrySet()) {
        String name = field.getKey();
        if (!ENTITIES.containsKey(name) && !INERT.containsKey(name)) {
          throw new AssertionError(
              "Route "
                  + method
                  + " "
                  + path
                  + " has parameter '"
                  + name
                  + "' that RouteRequests does not know: add it to ENTITIES (it names a"
                  + " project's entity) or INERT (it does not)");
        }
        if (field.getValue() || (!ENTITIES.containsKey(name) && INERT.get(name) != null)) {
          base.put(name, value(name, type, tenant));
        } else if (ENTITIES.containsKey(name)) {
          optionalEntities.add(name);
        }
      }
      boolean names = base.keySet().stream().anyMatch(ENTITIES::containsKey);
      if (optionalEntities.isEmpty()) {
        base.values().removeIf(java.util.Objects::isNull);
        requests.add(new Request(method, path, base, names, inQuery));
      }
      for (String optional : optionalEntities) {
        Map<String, Object> params = new LinkedHashMap<>(base);
        params.put(optional, value(optional, type, tenant));
        params.values().removeIf(java.util.Objects::isNull);
        requests.add(new Request(method, path, params, true, inQuery));
      }
    }
    return requests;
  }

  private static void bodyFields(
      Operation operation, Map<String, Boolean> fields, Map<String, Schema<?>> schemas) {
    if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
      return;
    }
    MediaType json = operation.getRequestBody().getContent().get("application/json");
    if (json == null || json.getSchema() == null || json.getSchema().getProperties() == null) {
      return;
    }
    Schema<?> schema = json.getSchema();
    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
    schema
        .getProperties()
        .forEach(
            (name, property) -> {
              fields.put(name, required.contains(name));
              schemas.put(name, property);
            });
  }

  /** The entity type a route's ids mean: from {@code _file_set_}/{@code _job_} or an enum. */
  private static List<String> entityTypes(String path, Map<String, Schema<?>> schemas) {
    for (String enumField : List.of("type", "entity_type")) {
      Schema<?> schema = schemas.get(enumField);
      if (schema != null && schema.getEnum() != null) {
        return schema.getEnum().stream().map(String::valueOf).toList();
      }
    }
    if (path.contains("file_set")) {
      return List.of("fileset");
    }
    return List.of(path.contains("job") ? "job" : "file");
  }

  private static Object value(String name, String type, Tenant tenant) {
    if (name.equals("type") || name.equals("entity_type")) {
      return type;
    }
    if (name.equals("id") || name.equals("ids")) {
      Object id =
          switch (type) {
            case "job" -> tenant.jobId;
            case "fileset" -> tenant.fileSet;
            default -> tenant.path;
          };
      return name.equals("id") ? id : List.of(id);
    }
    if (ENTITIES.containsKey(name)) {
      return ENTITIES.get(name).apply(tenant);
    }
    return INERT.get(name);
  }

  private static Map<String, Function<Tenant, Object>> entities() {
    Map<String, Function<Tenant, Object>> map = new LinkedHashMap<>();
    map.put("path", t -> t.path);
    map.put("vague_path", t -> t.path + ":1");
    map.put("directory_path", t -> t.dir);
    map.put("paths", t -> List.of(t.path));
    map.put("files", t -> List.of(t.path, "@" + t.fileSet));
    map.put("code", t -> t.path);
    map.put("name", t -> t.fileSet);
    map.put("vague_name", t -> t.fileSet + ":1");
    map.put("file_set", t -> t.fileSet);
    map.put("input_file_set", t -> t.fileSet);
    map.put("job_id", t -> t.jobId);
    map.put("session_id", t -> t.session);
    map.put("session", t -> t.session);
    map.put("draft_id", t -> t.draft);
    map.put("draft", t -> t.draft);
    map.put("sha256", t -> t.sha256);
    map.put("user_id", t -> t.project.adminId());
    map.put("project_id", t -> t.project.name());
    map.put("id", t -> t.path);
    map.put("ids", t -> List.of(t.jobId));
    map.put("keys", t -> List.of("k"));
    return map;
  }

  private static Map<String, Object> inert() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("type", "file");
    map.put("entity_type", "file");
    map.put("index", 0);
    map.put("max_bytes", 1_000_000);
    map.put("max_files", 1000);
    map.put("max_running_jobs", 10);
    map.put("size", 40);
    map.put("expires", 4_102_444_800L);
    map.put("sig", "0".repeat(64));
    map.put("admin_token", null);
    map.put("project_admin_name", "intruder");
    map.put("user_name", "intruder");
    map.put("command", "true");
    map.put("output_path", "./out/");
    map.put("tags", List.of("intruder"));
    // Signed data-plane routes: the signature is what refuses a stranger, whatever these name.
    map.put("project", 1);
    map.put("version", 1);
    map.put("recursive", false);
    map.put("dry_run", true);
    map.put("trash_id", 1);
    map.put("url_min_size", 0);
    for (String optional :
        Set.of(
            "description",
            "container_image",
            "output_file_set",
            "v_cpu",
            "memory",
            "gpu",
            "sizes",
            "sha256s",
            "commit_on_finish",
            "meta",
            "conditions",
            "sort",
            "limit",
            "cursor",
            "after",
            "depth",
            "from_line",
            "timeout",
            "timeout_seconds",
            "token",
            "with_output",
            "verify_hashes",
            "repair")) {
      map.put(optional, null);
    }
    return map;
  }
}
