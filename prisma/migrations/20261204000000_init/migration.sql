-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('student', 'advisor', 'mentor', 'admin');

-- CreateEnum
CREATE TYPE "GoalDomain" AS ENUM ('academic', 'college', 'career', 'personal');

-- CreateEnum
CREATE TYPE "GoalStatus" AS ENUM ('active', 'completed');

-- CreateEnum
CREATE TYPE "PortfolioEntryKind" AS ENUM ('reflection', 'note', 'artifact', 'accomplishment', 'mentor_note');

-- CreateEnum
CREATE TYPE "Visibility" AS ENUM ('private', 'advisors', 'mentors', 'public');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'sending', 'sent', 'undeliverable', 'failed');

-- CreateTable
CREATE TABLE "School" (
    "id" UUID NOT NULL,
    "sourcedId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "promptWeekday" INTEGER NOT NULL DEFAULT 1,
    "promptTime" TEXT NOT NULL DEFAULT '09:00',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "School_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Term" (
    "id" UUID NOT NULL,
    "sourcedId" TEXT NOT NULL,
    "schoolId" UUID,
    "title" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,

    CONSTRAINT "Term_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" UUID NOT NULL,
    "sourcedId" TEXT NOT NULL,
    "schoolId" UUID NOT NULL,
    "givenName" TEXT NOT NULL,
    "familyName" TEXT NOT NULL,
    "email" TEXT,
    "username" TEXT,
    "roles" "Role"[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "timeZone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatAccount" (
    "id" UUID NOT NULL,
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "workspaceId" TEXT,
    "personId" UUID NOT NULL,
    "dmChannelId" TEXT,
    "undeliverableSince" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Advisory" (
    "id" UUID NOT NULL,
    "sourcedId" TEXT NOT NULL,
    "schoolId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "channels" JSONB NOT NULL DEFAULT '{}',
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Advisory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdvisoryAdvisor" (
    "advisoryId" UUID NOT NULL,
    "personId" UUID NOT NULL,

    CONSTRAINT "AdvisoryAdvisor_pkey" PRIMARY KEY ("advisoryId","personId")
);

-- CreateTable
CREATE TABLE "AdvisoryMember" (
    "advisoryId" UUID NOT NULL,
    "personId" UUID NOT NULL,

    CONSTRAINT "AdvisoryMember_pkey" PRIMARY KEY ("advisoryId","personId")
);

-- CreateTable
CREATE TABLE "Mentorship" (
    "id" UUID NOT NULL,
    "mentorId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "cadence" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "Mentorship_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LearningPlan" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LearningPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Goal" (
    "id" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "domain" "GoalDomain" NOT NULL,
    "title" TEXT NOT NULL,
    "status" "GoalStatus" NOT NULL DEFAULT 'active',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "Goal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" UUID NOT NULL,
    "goalId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "dueOn" TEXT,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReflectionPrompt" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "ReflectionPrompt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReflectionRequest" (
    "id" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "week" TEXT NOT NULL,
    "promptId" UUID NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReflectionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PortfolioEntry" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "kind" "PortfolioEntryKind" NOT NULL,
    "text" TEXT NOT NULL,
    "visibility" "Visibility" NOT NULL DEFAULT 'advisors',
    "late" BOOLEAN NOT NULL DEFAULT false,
    "reflectionRequestId" UUID,
    "sourcePlatform" TEXT,
    "sourceMessageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PortfolioEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipientId" UUID NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "platform" TEXT,
    "platformMessageId" TEXT,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundEvent" (
    "id" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "School_sourcedId_key" ON "School"("sourcedId");

-- CreateIndex
CREATE UNIQUE INDEX "Term_sourcedId_key" ON "Term"("sourcedId");

-- CreateIndex
CREATE UNIQUE INDEX "Person_sourcedId_key" ON "Person"("sourcedId");

-- CreateIndex
CREATE INDEX "Person_schoolId_idx" ON "Person"("schoolId");

-- CreateIndex
CREATE INDEX "Person_email_idx" ON "Person"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ChatAccount_platform_externalId_key" ON "ChatAccount"("platform", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatAccount_platform_personId_key" ON "ChatAccount"("platform", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "Advisory_sourcedId_key" ON "Advisory"("sourcedId");

-- CreateIndex
CREATE INDEX "AdvisoryAdvisor_personId_idx" ON "AdvisoryAdvisor"("personId");

-- CreateIndex
CREATE INDEX "AdvisoryMember_personId_idx" ON "AdvisoryMember"("personId");

-- CreateIndex
CREATE INDEX "Mentorship_studentId_idx" ON "Mentorship"("studentId");

-- CreateIndex
CREATE UNIQUE INDEX "Mentorship_mentorId_studentId_key" ON "Mentorship"("mentorId", "studentId");

-- CreateIndex
CREATE UNIQUE INDEX "LearningPlan_personId_key" ON "LearningPlan"("personId");

-- CreateIndex
CREATE INDEX "Goal_planId_idx" ON "Goal"("planId");

-- CreateIndex
CREATE INDEX "Milestone_goalId_idx" ON "Milestone"("goalId");

-- CreateIndex
CREATE UNIQUE INDEX "ReflectionPrompt_key_key" ON "ReflectionPrompt"("key");

-- CreateIndex
CREATE INDEX "ReflectionRequest_studentId_dueAt_idx" ON "ReflectionRequest"("studentId", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReflectionRequest_studentId_week_key" ON "ReflectionRequest"("studentId", "week");

-- CreateIndex
CREATE INDEX "PortfolioEntry_personId_createdAt_idx" ON "PortfolioEntry"("personId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PortfolioEntry_sourcePlatform_sourceMessageId_key" ON "PortfolioEntry"("sourcePlatform", "sourceMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_key_key" ON "Delivery"("key");

-- CreateIndex
CREATE INDEX "Delivery_status_dueAt_idx" ON "Delivery"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Delivery_recipientId_idx" ON "Delivery"("recipientId");

-- AddForeignKey
ALTER TABLE "Term" ADD CONSTRAINT "Term_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatAccount" ADD CONSTRAINT "ChatAccount_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Advisory" ADD CONSTRAINT "Advisory_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvisoryAdvisor" ADD CONSTRAINT "AdvisoryAdvisor_advisoryId_fkey" FOREIGN KEY ("advisoryId") REFERENCES "Advisory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvisoryAdvisor" ADD CONSTRAINT "AdvisoryAdvisor_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvisoryMember" ADD CONSTRAINT "AdvisoryMember_advisoryId_fkey" FOREIGN KEY ("advisoryId") REFERENCES "Advisory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvisoryMember" ADD CONSTRAINT "AdvisoryMember_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mentorship" ADD CONSTRAINT "Mentorship_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mentorship" ADD CONSTRAINT "Mentorship_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LearningPlan" ADD CONSTRAINT "LearningPlan_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_planId_fkey" FOREIGN KEY ("planId") REFERENCES "LearningPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReflectionRequest" ADD CONSTRAINT "ReflectionRequest_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReflectionRequest" ADD CONSTRAINT "ReflectionRequest_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "ReflectionPrompt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PortfolioEntry" ADD CONSTRAINT "PortfolioEntry_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PortfolioEntry" ADD CONSTRAINT "PortfolioEntry_reflectionRequestId_fkey" FOREIGN KEY ("reflectionRequestId") REFERENCES "ReflectionRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
