import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { catalogCategoriesSchema, catalogCourseSchema, catalogListSchema, CourseDetail, courseDetailSchema, courseListSchema } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { AuditLog } from '../src/modules/audit/audit-log.entity';
import { CourseModule } from '../src/modules/courses/course-module.entity';
import { CourseOwner } from '../src/modules/courses/course-owner.entity';
import { Course } from '../src/modules/courses/course.entity';
import { Lesson } from '../src/modules/courses/lesson.entity';
import { OrgUnit } from '../src/modules/org-units/org-unit.entity';
import { SignedInUser, signedInUser } from './factories/sessions.factory';
import { seedTree } from './factories/users.factory';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, TestDatabase } from './helpers/test-app';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

describe('courses: authoring and catalog', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let api: Booted<NestFastifyApplication>;
  let inject: ReturnType<typeof injector>;
  let units: Map<string, OrgUnit>;
  let owner: SignedInUser;
  let coOwner: SignedInUser;
  let stranger: SignedInUser;
  let learner: SignedInUser;
  let admin: SignedInUser;

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    units = await seedTree(ds);
    api = await startApi(db);
    inject = injector(api);
    const orgUnitId = units.get('LS')!.id;
    owner = await signedInUser(ds, inject, ['trainer', 'learner'], { orgUnitId, fullName: 'Giảng Viên Chính' });
    coOwner = await signedInUser(ds, inject, ['trainer', 'learner'], { orgUnitId, fullName: 'Giảng Viên Phụ' });
    stranger = await signedInUser(ds, inject, ['trainer', 'learner'], { orgUnitId, fullName: 'Giảng Viên Khác' });
    learner = await signedInUser(ds, inject, ['learner'], { orgUnitId, fullName: 'Người Học' });
    admin = await signedInUser(ds, inject, ['admin', 'learner'], { orgUnitId, fullName: 'Quản Trị Viên' });
  });
  afterAll(async () => {
    await api?.shutdown();
    await closeMigratedDatabase(db, ds);
  });

  const call = (who: SignedInUser, method: Method, url: string, payload?: object) =>
    inject({ method, url, headers: who.session.auth, ...(payload !== undefined ? { payload } : {}) });
  const ok = async (who: SignedInUser, method: Method, url: string, payload?: object, status = 200): Promise<CourseDetail> => {
    const res = await call(who, method, url, payload);
    expect({ url, status: res.statusCode, body: res.statusCode === status ? '' : res.body }).toEqual({ url, status, body: '' });
    return courseDetailSchema.parse(JSON.parse(res.body));
  };
  const fields = (body: string): string[] => (JSON.parse(body).errors ?? []).map((e: { field: string }) => e.field);
  const counts = async () => ({
    courses: await ds.getRepository(Course).count(),
    owners: await ds.getRepository(CourseOwner).count(),
    modules: await ds.getRepository(CourseModule).count(),
    lessons: await ds.getRepository(Lesson).count(),
  });

  /** A course with one module holding one text lesson: ready to publish. */
  const buildCourse = async (title: string, extra: object = {}) => {
    let c = await ok(owner, 'POST', '/api/courses', { title, summary: `Giới thiệu ${title}`, ...extra }, 201);
    c = await ok(owner, 'POST', `/api/courses/${c.id}/modules`, { title: 'Chương 1' }, 201);
    c = await ok(owner, 'POST', `/api/courses/${c.id}/modules/${c.modules[0].id}/lessons`, { title: 'Bài 1', type: 'text', textHtml: '<p>Nội dung</p>' }, 201);
    return c;
  };

  describe('authoring by the owner', () => {
    let course: CourseDetail;

    it('creates a draft course, the caller owning it, with a slug from the title', async () => {
      course = await ok(owner, 'POST', '/api/courses', { title: 'Kỹ năng số cơ bản', summary: 'Làm quen với điện thoại thông minh', category: 'Kỹ năng số', tags: ['nq57', 'ky-nang-so-co-ban'], targetAudiences: ['resident'], estimatedMinutes: 90 }, 201);
      expect(course).toMatchObject({ slug: 'ky-nang-so-co-ban', status: 'draft', tags: ['nq57', 'ky-nang-so-co-ban'], targetAudiences: ['resident'], estimatedMinutes: 90, strictOrder: false, publishedAt: null });
      expect(course.owners).toEqual([{ userId: owner.id, fullName: 'Giảng Viên Chính', role: 'owner' }]);
      const again = await ok(owner, 'POST', '/api/courses', { title: 'Kỹ năng số cơ bản' }, 201);
      expect(again.slug).toBe('ky-nang-so-co-ban-2');
      const mine = courseListSchema.parse(JSON.parse((await call(owner, 'GET', '/api/courses')).body));
      expect(mine.items.map((c) => c.id)).toEqual(expect.arrayContaining([course.id, again.id]));
      expect((await call(owner, 'DELETE', `/api/courses/${again.id}`)).statusCode).toBe(204);
      expect(await ds.getRepository(Course).findOneBy({ id: again.id })).toBeNull();
    });

    it('edits metadata and adds, renames, reorders and deletes modules and lessons', async () => {
      course = await ok(owner, 'PATCH', `/api/courses/${course.id}`, { summary: 'Sử dụng điện thoại, Internet và dịch vụ công trực tuyến', strictOrder: true });
      expect(course).toMatchObject({ strictOrder: true, summary: 'Sử dụng điện thoại, Internet và dịch vụ công trực tuyến' });
      for (const title of ['Chương A', 'Chương B', 'Chương C']) course = await ok(owner, 'POST', `/api/courses/${course.id}/modules`, { title }, 201);
      const [a, b, c] = course.modules.map((m) => m.id);
      course = await ok(owner, 'PATCH', `/api/courses/${course.id}/modules/${b}`, { title: 'Chương B (sửa)' });
      course = await ok(owner, 'PUT', `/api/courses/${course.id}/modules/order`, { ids: [c, a, b] });
      expect(course.modules.map((m) => [m.title, m.position])).toEqual([
        ['Chương C', 0],
        ['Chương A', 1],
        ['Chương B (sửa)', 2],
      ]);
      for (const [title, type] of [['Bài 1', 'text'], ['Bài 2', 'video'], ['Bài 3', 'quiz']]) {
        course = await ok(owner, 'POST', `/api/courses/${course.id}/modules/${a}/lessons`, { title, type, ...(type === 'text' ? { textHtml: '<p>Xin chào</p>' } : {}) }, 201);
      }
      const lessons = course.modules.find((m) => m.id === a)!.lessons.map((l) => l.id);
      course = await ok(owner, 'PUT', `/api/courses/${course.id}/modules/${a}/lessons/order`, { ids: [lessons[2], lessons[0], lessons[1]] });
      expect(course.modules.find((m) => m.id === a)!.lessons.map((l) => l.title)).toEqual(['Bài 3', 'Bài 1', 'Bài 2']);
      course = await ok(owner, 'PATCH', `/api/courses/${course.id}/lessons/${lessons[0]}`, { title: 'Bài 1 (sửa)', required: false });
      expect(course.modules.find((m) => m.id === a)!.lessons.find((l) => l.id === lessons[0])).toMatchObject({ title: 'Bài 1 (sửa)', required: false, type: 'text' });
      course = await ok(owner, 'DELETE', `/api/courses/${course.id}/lessons/${lessons[2]}`);
      expect(course.modules.find((m) => m.id === a)!.lessons.map((l) => [l.title, l.position])).toEqual([
        ['Bài 1 (sửa)', 0],
        ['Bài 2', 1],
      ]);
      course = await ok(owner, 'DELETE', `/api/courses/${course.id}/modules/${c}`);
      expect(course.modules.map((m) => [m.title, m.position])).toEqual([
        ['Chương A', 0],
        ['Chương B (sửa)', 1],
      ]);
      expect(await ds.getRepository(Lesson).countBy({ courseId: course.id })).toBe(2);
    });

    it('rejects a reorder that is not the complete list, changing nothing', async () => {
      const ids = course.modules.map((m) => m.id);
      const before = course.modules.map((m) => m.id);
      for (const bad of [[ids[0]], [ids[0], ids[0]], [...ids, '00000000-0000-4000-8000-000000000000'], [ids[1], '00000000-0000-4000-8000-000000000000']]) {
        const res = await call(owner, 'PUT', `/api/courses/${course.id}/modules/order`, { ids: bad });
        expect(res.statusCode).toBe(400);
        expect(fields(res.body)).toContain('ids');
      }
      const res = await call(owner, 'PUT', `/api/courses/${course.id}/modules/order`, { ids: ['not-a-uuid'] });
      expect(res.statusCode).toBe(400);
      expect(fields(res.body)[0]).toMatch(/^ids/);
      expect((await ok(owner, 'GET', `/api/courses/${course.id}`)).modules.map((m) => m.id)).toEqual(before);
    });

    it('a co-owner (a trainer) can edit; a non-trainer cannot be added', async () => {
      const notTrainer = await call(owner, 'POST', `/api/courses/${course.id}/owners`, { userId: learner.id });
      expect(notTrainer.statusCode).toBe(400);
      expect(fields(notTrainer.body)).toEqual(['userId']);
      const before = await call(coOwner, 'GET', `/api/courses/${course.id}`);
      expect(before.statusCode).toBe(404);
      course = await ok(owner, 'POST', `/api/courses/${course.id}/owners`, { userId: coOwner.id });
      expect(course.owners.map((o) => [o.userId, o.role])).toEqual([
        [owner.id, 'owner'],
        [coOwner.id, 'co_owner'],
      ]);
      course = await ok(coOwner, 'PATCH', `/api/courses/${course.id}`, { category: 'Kỹ năng số' });
      course = await ok(coOwner, 'POST', `/api/courses/${course.id}/modules`, { title: 'Chương của đồng sở hữu' }, 201);
      expect(course.category).toBe('Kỹ năng số');
      const mine = courseListSchema.parse(JSON.parse((await call(coOwner, 'GET', '/api/courses')).body));
      expect(mine.items.map((c) => c.id)).toEqual([course.id]);
    });

    it('another trainer cannot read the draft nor write anything (403/404), and nothing changes', async () => {
      const m = course.modules[0];
      const l = m.lessons[0];
      const before = JSON.stringify(await ok(owner, 'GET', `/api/courses/${course.id}`));
      const attempts: [Method, string, object?][] = [
        ['GET', `/api/courses/${course.id}`],
        ['PATCH', `/api/courses/${course.id}`, { title: 'Bị chiếm' }],
        ['DELETE', `/api/courses/${course.id}`],
        ['POST', `/api/courses/${course.id}/publish`],
        ['POST', `/api/courses/${course.id}/archive`],
        ['POST', `/api/courses/${course.id}/owners`, { userId: stranger.id }],
        ['DELETE', `/api/courses/${course.id}/owners/${coOwner.id}`],
        ['POST', `/api/courses/${course.id}/modules`, { title: 'X' }],
        ['PUT', `/api/courses/${course.id}/modules/order`, { ids: course.modules.map((x) => x.id).reverse() }],
        ['PATCH', `/api/courses/${course.id}/modules/${m.id}`, { title: 'X' }],
        ['DELETE', `/api/courses/${course.id}/modules/${m.id}`],
        ['POST', `/api/courses/${course.id}/modules/${m.id}/lessons`, { title: 'X', type: 'text' }],
        ['PUT', `/api/courses/${course.id}/modules/${m.id}/lessons/order`, { ids: m.lessons.map((x) => x.id).reverse() }],
        ['PATCH', `/api/courses/${course.id}/lessons/${l.id}`, { title: 'X' }],
        ['DELETE', `/api/courses/${course.id}/lessons/${l.id}`],
      ];
      for (const [method, url, payload] of attempts) {
        const res = await call(stranger, method, url, payload);
        expect({ method, url, status: [403, 404].includes(res.statusCode) }).toEqual({ method, url, status: true });
        const learnerRes = await call(learner, method, url, payload);
        expect({ method, url, status: learnerRes.statusCode }).toEqual({ method, url, status: 403 });
      }
      expect(courseListSchema.parse(JSON.parse((await call(stranger, 'GET', '/api/courses')).body)).items.map((c) => c.id)).not.toContain(course.id);
      expect((await call(learner, 'GET', '/api/courses')).statusCode).toBe(403);
      expect((await call(learner, 'POST', '/api/courses', { title: 'Khóa học của người học' })).statusCode).toBe(403);
      expect(JSON.stringify(await ok(owner, 'GET', `/api/courses/${course.id}`))).toBe(before);
      // Administrators manage every course.
      await ok(admin, 'GET', `/api/courses/${course.id}`);
    });
  });

  describe('rich text', () => {
    it('stores a stored-XSS payload sanitized, keeping the harmless markup', async () => {
      const c = await buildCourse('Khóa học an toàn');
      const lessonId = c.modules[0].lessons[0].id;
      const payload =
        '<h2>Tiêu đề</h2><p onclick="alert(1)">Đoạn <strong>đậm</strong> <em>nghiêng</em></p>' +
        '<img src=x onerror=alert(1)><script>alert(1)</script><a href="javascript:alert(1)">x</a>' +
        '<a href="https://dichvucong.gov.vn" target="_blank">Cổng DVC</a><img src="/api/media/anh.png" alt="Ảnh">' +
        '<iframe src="https://evil.example"></iframe><style>p{}</style><a href="JaVaScRiPt:alert(1)">y</a><img src="data:image/png;base64,AAA">';
      const updated = await ok(owner, 'PATCH', `/api/courses/${c.id}/lessons/${lessonId}`, { textHtml: payload });
      const html = updated.modules[0].lessons[0].textHtml!;
      const stored = (await ds.getRepository(Lesson).findOneByOrFail({ id: lessonId })).textHtml!;
      expect(stored).toBe(html);
      for (const bad of [/<script/i, /onerror/i, /onclick/i, /javascript:/i, /<iframe/i, /<style/i, /alert\(1\)/, /src="x"/, /data:/]) expect(html).not.toMatch(bad);
      expect(html).toContain('<h2>Tiêu đề</h2>');
      expect(html).toContain('<strong>đậm</strong>');
      expect(html).toContain('<a href="https://dichvucong.gov.vn" rel="noopener noreferrer">Cổng DVC</a>');
      expect(html).toContain('<img src="/api/media/anh.png" alt="Ảnh" />');
      expect(html).toContain('<a rel="noopener noreferrer">x</a>');

      const created = await ok(owner, 'POST', `/api/courses/${c.id}/modules/${c.modules[0].id}/lessons`, { title: 'Bài XSS', type: 'text', textHtml: '<img src=x onerror=alert(1)><script>alert(1)</script><a href="javascript:alert(1)">x</a>' }, 201);
      expect(created.modules[0].lessons[1].textHtml).toBe('<a rel="noopener noreferrer">x</a>');
    });
  });

  describe('publishing', () => {
    it('refuses an empty course, then a broken one, naming every reason, then publishes and audits', async () => {
      let c = await ok(owner, 'POST', '/api/courses', { title: 'Dịch vụ công trực tuyến' }, 201);
      let res = await call(owner, 'POST', `/api/courses/${c.id}/publish`);
      expect(res.statusCode).toBe(400);
      expect(fields(res.body).sort()).toEqual(['modules', 'summary']);
      expect(JSON.parse(res.body).code).toBe('VALIDATION_FAILED');

      c = await ok(owner, 'PATCH', `/api/courses/${c.id}`, { summary: 'Nộp hồ sơ trực tuyến' });
      c = await ok(owner, 'POST', `/api/courses/${c.id}/modules`, { title: 'Chương trống' }, 201);
      c = await ok(owner, 'POST', `/api/courses/${c.id}/modules`, { title: 'Chương có bài' }, 201);
      const [empty, full] = c.modules;
      c = await ok(owner, 'POST', `/api/courses/${c.id}/modules/${full.id}/lessons`, { title: 'Bài văn bản trống', type: 'text', textHtml: '<p> &nbsp; </p><script>x</script>' }, 201);
      c = await ok(owner, 'POST', `/api/courses/${c.id}/modules/${full.id}/lessons`, { title: 'Bài video', type: 'video' }, 201);
      c = await ok(owner, 'POST', `/api/courses/${c.id}/modules/${full.id}/lessons`, { title: 'Tài liệu', type: 'attachment' }, 201);
      res = await call(owner, 'POST', `/api/courses/${c.id}/publish`);
      expect(res.statusCode).toBe(400);
      const errors = JSON.parse(res.body).errors as { field: string; message: string }[];
      expect(errors.map((e) => e.field)).toEqual(['modules.0.lessons', 'modules.1.lessons.0.textHtml', 'modules.1.lessons.1.mediaId', 'modules.1.lessons.2.attachmentKey']);
      expect(errors[0].message).toContain('Chương trống');
      expect(errors[2].message).toContain('Bài video');
      expect((await ok(owner, 'GET', `/api/courses/${c.id}`)).status).toBe('draft');

      c = await ok(owner, 'DELETE', `/api/courses/${c.id}/modules/${empty.id}`);
      const [textLesson, video, attachment] = c.modules[0].lessons;
      c = await ok(owner, 'DELETE', `/api/courses/${c.id}/lessons/${video.id}`);
      c = await ok(owner, 'DELETE', `/api/courses/${c.id}/lessons/${attachment.id}`);
      c = await ok(owner, 'PATCH', `/api/courses/${c.id}/lessons/${textLesson.id}`, { textHtml: '<p>Bước 1: mở Cổng dịch vụ công.</p>' });
      c = await ok(owner, 'POST', `/api/courses/${c.id}/publish`);
      expect(c.status).toBe('published');
      expect(c.publishedAt).not.toBeNull();
      const audit = await ds.getRepository(AuditLog).findOneByOrFail({ action: 'course.published', targetId: c.id });
      expect(audit).toMatchObject({ actorId: owner.id, targetType: 'course' });

      // Published courses are archived, not deleted.
      res = await call(owner, 'DELETE', `/api/courses/${c.id}`);
      expect(res.statusCode).toBe(409);
      c = await ok(owner, 'POST', `/api/courses/${c.id}/archive`);
      expect(c.status).toBe('archived');
      expect(await ds.getRepository(AuditLog).countBy({ action: 'course.archived', targetId: c.id })).toBe(1);
      expect((await call(owner, 'PATCH', `/api/courses/${c.id}`, { title: 'Sửa khi đã lưu trữ' })).statusCode).toBe(409);
    });
  });

  describe('catalog', () => {
    let published: CourseDetail;
    let draft: CourseDetail;
    beforeAll(async () => {
      published = await buildCourse('Kỹ năng số cơ bản cho người dân', { category: 'Kỹ năng số', targetAudiences: ['resident', 'official'], tags: ['nq57'] });
      published = await ok(owner, 'POST', `/api/courses/${published.id}/publish`);
      draft = await buildCourse('Kỹ năng số nâng cao (nháp)', { category: 'Kỹ năng số', targetAudiences: ['resident'] });
      const press = await buildCourse('Truyền thông chính sách', { category: 'Truyền thông', targetAudiences: ['press'] });
      await ok(owner, 'POST', `/api/courses/${press.id}/publish`);
    });
    const catalog = async (query: string, who: SignedInUser = learner) => {
      const res = await call(who, 'GET', `/api/catalog?${query}`);
      expect(res.statusCode).toBe(200);
      return catalogListSchema.parse(JSON.parse(res.body));
    };
    const titles = (page: { items: { title: string }[] }) => page.items.map((c) => c.title);

    it('finds "Kỹ năng số cơ bản" searching without diacritics; never lists drafts', async () => {
      expect(titles(await catalog('q=ky%20nang%20so'))).toEqual(['Kỹ năng số cơ bản cho người dân']);
      expect(titles(await catalog('q=KỸ%20NĂNG%20SỐ%20CƠ%20BẢN'))).toEqual(['Kỹ năng số cơ bản cho người dân']);
      expect(titles(await catalog('q=nq57'))).toEqual(['Kỹ năng số cơ bản cho người dân']);
      const all = await catalog('pageSize=100');
      expect(all.items.every((c) => c.status === 'published')).toBe(true);
      expect(all.items.map((c) => c.id)).not.toContain(draft.id);
      expect(titles(await catalog('q=nang%20cao'))).toEqual([]);
    });

    it('filters by category and audience, and pages', async () => {
      expect(titles(await catalog(`category=${encodeURIComponent('Truyền thông')}`))).toEqual(['Truyền thông chính sách']);
      expect(titles(await catalog('audience=official'))).toEqual(['Kỹ năng số cơ bản cho người dân']);
      expect(titles(await catalog('audience=press'))).toEqual(['Truyền thông chính sách']);
      const page = await catalog('pageSize=1&page=2');
      expect(page).toMatchObject({ page: 2, pageSize: 1, total: 2 });
      expect(page.items).toHaveLength(1);
      const bad = await call(learner, 'GET', '/api/catalog?audience=martians');
      expect(bad.statusCode).toBe(400);
      expect(fields(bad.body)).toEqual(['audience']);
    });

    it('lists the categories of published courses only, once each, for the filter', async () => {
      const res = await call(learner, 'GET', '/api/catalog-categories');
      expect(res.statusCode).toBe(200);
      const { items } = catalogCategoriesSchema.parse(JSON.parse(res.body));
      // "Kỹ năng số" has a published course and a draft: listed once. Drafts-only categories never appear.
      expect(items.filter((c) => c === 'Kỹ năng số')).toHaveLength(1);
      expect(items).toEqual(expect.arrayContaining(['Kỹ năng số', 'Truyền thông']));
      expect([...items].sort((a, b) => a.localeCompare(b, 'vi'))).toEqual(items);
      expect((await inject({ method: 'GET', url: '/api/catalog-categories' })).statusCode).toBe(401);
    });

    it('shows a published outline without lesson content; drafts answer 404; sign-in required', async () => {
      const res = await call(learner, 'GET', `/api/catalog/${published.slug}`);
      expect(res.statusCode).toBe(200);
      const outline = catalogCourseSchema.parse(JSON.parse(res.body));
      expect(outline.modules[0].lessons[0]).toEqual({ id: expect.any(String), title: 'Bài 1', type: 'text', position: 0, required: true, durationSeconds: null });
      expect(res.body).not.toContain('textHtml');
      expect((await call(learner, 'GET', `/api/catalog/${draft.slug}`)).statusCode).toBe(404);
      expect((await call(owner, 'GET', `/api/catalog/${draft.slug}`)).statusCode).toBe(404);
      expect((await inject({ method: 'GET', url: '/api/catalog' })).statusCode).toBe(401);
      expect((await inject({ method: 'GET', url: `/api/catalog/${published.slug}` })).statusCode).toBe(401);
    });
  });

  describe('bad input', () => {
    it('answers 4xx naming the field and writes nothing', async () => {
      const before = await counts();
      const cases: [object, string][] = [
        [{}, 'title'],
        [{ title: '   ' }, 'title'],
        [{ title: 'Khóa học', slug: 'Có Dấu' }, 'slug'],
        [{ title: 'Khóa học', tags: ['a,b'] }, 'tags.0'],
        [{ title: 'Khóa học', targetAudiences: ['martians'] }, 'targetAudiences.0'],
        [{ title: 'Khóa học', estimatedMinutes: -5 }, 'estimatedMinutes'],
        [{ title: 'Khóa học', targetUnitIds: ['00000000-0000-4000-8000-000000000000'] }, 'targetUnitIds'],
        [{ title: 'Khóa học', status: 'published' }, ''],
      ];
      for (const [payload, field] of cases) {
        const res = await call(owner, 'POST', '/api/courses', payload);
        expect({ payload, status: res.statusCode }).toEqual({ payload, status: 400 });
        if (field) expect({ payload, fields: fields(res.body) }).toEqual({ payload, fields: expect.arrayContaining([field]) });
      }
      const taken = await call(owner, 'POST', '/api/courses', { title: 'Trùng đường dẫn', slug: 'ky-nang-so-co-ban' });
      expect(taken.statusCode).toBe(409);
      expect(fields(taken.body)).toEqual(['slug']);

      const c = await buildCourse('Khóa học kiểm tra đầu vào');
      const mid = await counts();
      const lessonId = c.modules[0].lessons[0].id;
      const bad: [Method, string, object, string][] = [
        ['POST', `/api/courses/${c.id}/modules`, { title: '' }, 'title'],
        ['POST', `/api/courses/${c.id}/modules/${c.modules[0].id}/lessons`, { title: 'Bài', type: 'podcast' }, 'type'],
        ['POST', `/api/courses/${c.id}/modules/${c.modules[0].id}/lessons`, { title: 'Bài', type: 'video', textHtml: '<p>x</p>' }, 'textHtml'],
        ['PATCH', `/api/courses/${c.id}`, { title: 'Sửa', targetUnitIds: ['00000000-0000-4000-8000-000000000000'] }, 'targetUnitIds'],
        ['PATCH', `/api/courses/${c.id}/lessons/${lessonId}`, { title: 'Sửa', durationSeconds: 'mười' }, 'durationSeconds'],
      ];
      for (const [method, url, payload, field] of bad) {
        const res = await call(owner, method, url, payload);
        expect({ url, status: res.statusCode }).toEqual({ url, status: 400 });
        expect({ url, fields: fields(res.body) }).toEqual({ url, fields: expect.arrayContaining([field]) });
      }
      expect(await counts()).toEqual({ ...mid });
      expect(mid.courses).toBe(before.courses + 1);
      const after = await ok(owner, 'GET', `/api/courses/${c.id}`);
      expect(after.title).toBe('Khóa học kiểm tra đầu vào');
      expect(after.modules[0].lessons[0].title).toBe('Bài 1');
    });
  });
});
