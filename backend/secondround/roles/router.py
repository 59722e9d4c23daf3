from fastapi import APIRouter, Response, status

from secondround.accounts.deps import CurrentUser
from secondround.api.etag import IfMatch, guarded, with_headers
from secondround.api.openapi import response_headers
from secondround.api.pagination import ListQueryDep
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.db.caps import CapsDep
from secondround.db.session import DbSession
from secondround.roles import service
from secondround.roles.deps import OwnedRole
from secondround.roles.schemas import RoleCreate, RolePage, RoleRead, RoleUpdate

router = APIRouter(prefix="/roles", tags=["roles"], responses=problem_responses(401, 403, 422))


@router.get("", response_model=RolePage, responses={**response_headers(200, "Link"), **problem_responses(400)})
async def list_roles(
    user: CurrentUser,
    db: DbSession,
    query: ListQueryDep,
) -> Response:
    """Your interviewer roles: the four defaults and your own."""
    rows, next_cursor = await db.run(service.list_roles, user.id, query)
    return serialized(RolePage.of(rows, next_cursor), query.response)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=RoleRead,
    responses={**response_headers(201, "Location", "ETag"), **problem_responses(409, 413)},
)
async def create_role(
    body: RoleCreate, user: CurrentUser, db: DbSession, response: Response, caps: CapsDep
) -> RoleRead:
    """Add a kind of interviewer with a weight per question category (names are unique per account)."""
    role = await db.run(service.create, user.id, body, cap=caps.roles_per_account)
    with_headers(response, role, role.id, location=f"/api/v1/roles/{role.id}")
    return RoleRead.model_validate(role)


@router.get(
    "/{role_id}", response_model=RoleRead, responses={**response_headers(200, "ETag"), **problem_responses(404)}
)
async def get_role(role: OwnedRole, response: Response) -> Response:
    """One role, with its weight for every category and its `ETag`."""
    with_headers(response, role, role.id)
    return serialized(RoleRead.model_validate(role), response)


@router.patch(
    "/{role_id}",
    response_model=RoleRead,
    responses={**response_headers(200, "ETag"), **problem_responses(404, 409, 412, 413)},
)
async def update_role(
    role: OwnedRole, body: RoleUpdate, db: DbSession, response: Response, if_match: IfMatch = None
) -> RoleRead:
    """Change only the fields sent; `focus` is merged (send only the weights that change)."""
    guarded(role, role.id, if_match)
    role = await db.run(service.update, role, body)
    with_headers(response, role, role.id)
    return RoleRead.model_validate(role)


@router.delete("/{role_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(404, 412))
async def delete_role(role: OwnedRole, db: DbSession, if_match: IfMatch = None) -> None:
    """Delete a role; interviewers who had it keep their place with `role_id` null."""
    guarded(role, role.id, if_match)
    await db.run(service.delete, role)
